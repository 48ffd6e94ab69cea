using System.Net;
using Npgsql;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Users;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Accounts;

/// <summary>
/// Admin is the account's flag, set by the operator command (through <see cref="UserAccountStore.SetAdminAsync"/>, as the command
/// writes it), never an email address: a silo still configured with the retired <c>RoleFerry:AdminEmails</c> gives
/// the address it names no rights, and running silos follow a grant or a revoke within the session grain's maximum age.
/// </summary>
public sealed class AdminFlagTests : IAsyncLifetime
{
    private const string FormerConfiguredAdmin = "ops@roleferry.test";

    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private ApiFactory _api = null!;
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync();
        _api = new ApiFactory(connectionString, new Dictionary<string, string?> { ["RoleFerry:AdminEmails:0"] = FormerConfiguredAdmin }, _clock);
        _ = _api.Server;
        _db = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _db.DisposeAsync();
        _clock.Dispose();
    }

    [Fact]
    public async Task Registering_the_address_of_a_former_configuration_admin_gives_no_admin_rights()
    {
        var user = await _api.NewUserAsync(FormerConfiguredAdmin.ToUpperInvariant());

        var me = await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        Assert.False(me.GetProperty("isAdmin").GetBoolean());
        await (await user.Client.GetAsync("/api/admin/mailboxes")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.GetAsync("/api/analytics/outreach?groupBy=mailbox")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_operator_grants_and_revokes_admin_and_running_silos_follow_within_a_minute()
    {
        var user = await _api.NewUserAsync();
        var flags = new UserAccountStore(_db);

        Assert.True(await flags.SetAdminAsync(user.Email.ToUpperInvariant(), isAdmin: true, _clock.UtcNow));
        _clock.Jump(SessionGrain.MaxAge + TimeSpan.FromSeconds(1));
        var granted = await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        var mailboxesWhileAdmin = await user.Client.GetAsync("/api/admin/mailboxes");

        Assert.True(await flags.SetAdminAsync(user.Email, isAdmin: false, _clock.UtcNow));
        var revoked = await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        _clock.Jump(SessionGrain.MaxAge + TimeSpan.FromSeconds(1));
        var mailboxesAfterRevoke = await user.Client.GetAsync("/api/admin/mailboxes");

        Assert.True(granted.GetProperty("isAdmin").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, mailboxesWhileAdmin.StatusCode);
        Assert.False(revoked.GetProperty("isAdmin").GetBoolean());
        await mailboxesAfterRevoke.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await flags.SetAdminAsync(Users.NewEmail(), isAdmin: true, _clock.UtcNow));
    }
}
