using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Tests.Support;

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

        Assert.True(await grain.IsHonouredAsync(stamp, Guid.NewGuid()));
        Assert.True(await grain.IsHonouredAsync(Guid.NewGuid(), session));
        Assert.True(await grain.IsHonouredAsync(null, session));
        Assert.False(await grain.IsHonouredAsync(Guid.NewGuid(), Guid.NewGuid()));
        Assert.False(await grain.IsHonouredAsync(Guid.NewGuid(), null));
        Assert.False(await grain.IsHonouredAsync(null, null));
    }

    [Fact]
    public async Task A_reload_after_a_change_revokes_at_once_and_an_unknown_user_is_never_honoured()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("reload@example.com");
        var stamp = Guid.NewGuid();
        await Seed.ExecuteAsync("UPDATE users SET security_stamp = $2 WHERE id = $1", user, stamp);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);
        Assert.True(await grain.IsHonouredAsync(stamp, null));

        await Seed.ExecuteAsync("UPDATE users SET security_stamp = gen_random_uuid() WHERE id = $1", user);
        await grain.ReloadAsync();
        Assert.False(await grain.IsHonouredAsync(stamp, null));

        var current = await CurrentStampAsync(user);
        Assert.True(await grain.IsHonouredAsync(current, null));
        await Seed.ExecuteAsync("DELETE FROM users WHERE id = $1", user);
        await grain.ReloadAsync();
        Assert.False(await grain.IsHonouredAsync(current, null));

        Assert.False(await silo.Grains.GetGrain<ISessionGrain>(user + 1000).IsHonouredAsync(current, null));
    }

    [Fact]
    public async Task A_change_nobody_reported_is_seen_once_the_copy_is_older_than_its_maximum_age()
    {
        var silo = await StartSiloAsync();
        var user = await Seed.UserAsync("stale@example.com");
        var stamp = await CurrentStampAsync(user);
        var grain = silo.Grains.GetGrain<ISessionGrain>(user);
        Assert.True(await grain.IsHonouredAsync(stamp, null));

        await Seed.ExecuteAsync("UPDATE users SET security_stamp = gen_random_uuid() WHERE id = $1", user);
        Clock.Jump(TimeSpan.FromSeconds(59));
        Assert.True(await grain.IsHonouredAsync(stamp, null));
        Clock.Jump(TimeSpan.FromSeconds(2));
        Assert.False(await grain.IsHonouredAsync(stamp, null));
    }

    private async Task<Guid> CurrentStampAsync(long user) =>
        Guid.Parse(await Seed.ScalarTextAsync("SELECT security_stamp::text FROM users WHERE id = $1", user)
                   ?? throw new InvalidOperationException("no user"));
}
