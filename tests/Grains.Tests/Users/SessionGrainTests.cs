using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Grains.Users;

namespace RoleFerry.Grains.Tests.Users;

/// <summary>The session grain answers token checks from its copy of the users row, and that copy follows the row.</summary>
public sealed class SessionGrainTests : GrainTest
{
    [Fact]
    public async Task The_current_stamp_or_the_password_changing_session_is_honoured_and_nothing_else()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("session@example.com");
        var stamp = Guid.NewGuid();
        var session = Guid.NewGuid();
        await Seed.ExecuteAsync("UPDATE users SET security_stamp = $2, password_session = $3 WHERE id = $1", user, stamp, session);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);

        Assert.True((await grain.CheckAsync(stamp, Guid.NewGuid())).Honoured);
        Assert.True((await grain.CheckAsync(Guid.NewGuid(), session)).Honoured);
        Assert.True((await grain.CheckAsync(null, session)).Honoured);
        Assert.False((await grain.CheckAsync(Guid.NewGuid(), Guid.NewGuid())).Honoured);
        Assert.False((await grain.CheckAsync(Guid.NewGuid(), null)).Honoured);
        Assert.False((await grain.CheckAsync(null, null)).Honoured);
    }

    [Fact]
    public async Task A_reload_after_a_change_revokes_at_once_and_an_unknown_user_is_never_honoured()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("reload@example.com");
        var stamp = Guid.NewGuid();
        await Seed.ExecuteAsync("UPDATE users SET security_stamp = $2 WHERE id = $1", user, stamp);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);
        Assert.True((await grain.CheckAsync(stamp, null)).Honoured);

        await Seed.ExecuteAsync("UPDATE users SET security_stamp = gen_random_uuid() WHERE id = $1", user);
        await grain.ReloadAsync();
        Assert.False((await grain.CheckAsync(stamp, null)).Honoured);

        var current = await CurrentStampAsync(user);
        Assert.True((await grain.CheckAsync(current, null)).Honoured);
        await Seed.ExecuteAsync("DELETE FROM users WHERE id = $1", user);
        await grain.ReloadAsync();
        Assert.False((await grain.CheckAsync(current, null)).Honoured);

        Assert.False((await silo.Grains.GetGrain<ISessionGrain>(user + 1000).CheckAsync(current, null)).Honoured);
    }

    [Fact]
    public async Task A_change_nobody_reported_is_seen_once_the_copy_is_older_than_its_maximum_age()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("stale@example.com");
        var stamp = await CurrentStampAsync(user);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);
        Assert.True((await grain.CheckAsync(stamp, null)).Honoured);

        await Seed.ExecuteAsync("UPDATE users SET security_stamp = gen_random_uuid() WHERE id = $1", user);
        Clock.Jump(TimeSpan.FromSeconds(59));
        Assert.True((await grain.CheckAsync(stamp, null)).Honoured);
        Clock.Jump(TimeSpan.FromSeconds(2));
        Assert.False((await grain.CheckAsync(stamp, null)).Honoured);
    }

    [Fact]
    public async Task The_verdict_carries_the_admin_flag_of_the_row_and_never_for_a_refused_token()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("flag@example.com");
        var stamp = await CurrentStampAsync(user);
        await Seed.ExecuteAsync("UPDATE users SET is_admin = true WHERE id = $1", user);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);

        Assert.Equal(new SessionVerdict(true, true), await grain.CheckAsync(stamp, null));
        Assert.Equal(SessionVerdict.Refused, await grain.CheckAsync(Guid.NewGuid(), null));
        await Seed.ExecuteAsync("UPDATE users SET is_admin = false WHERE id = $1", user);
        Clock.Jump(SessionGrain.MaxAge + TimeSpan.FromSeconds(1));
        Assert.Equal(new SessionVerdict(true, false), await grain.CheckAsync(stamp, null));
    }

    private async Task<Guid> CurrentStampAsync(long user) =>
        Guid.Parse(await Seed.ScalarTextAsync("SELECT security_stamp::text FROM users WHERE id = $1", user)
                   ?? throw new InvalidOperationException("no user"));
}
