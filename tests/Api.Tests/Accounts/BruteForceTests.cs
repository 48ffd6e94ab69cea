using System.Net;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Accounts;

/// <summary>
/// Brute force, limited once for the cluster (PostgreSQL): wrong passwords counted per account and client address
/// (the address a trusted proxy forwarded, else the connection's), lockouts that grow, password confirmations
/// counted like logins, and the same counts on every silo.
/// </summary>
public sealed class BruteForceTests : IDisposable
{
    private const string Proxy = "127.0.0.1";   // the test server's peer (LoopbackPeer)

    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _clock.Dispose();

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account_for_15_minutes_and_a_success_restarts_the_count()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync());
        var user = await silo.NewUserAsync();
        var client = silo.CreateClient();

        await FailAsync(client, user, 4);
        await LoginAsync(client, user, HttpStatusCode.OK);
        await FailAsync(client, user, 4);
        Assert.Equal(["127.0.0.1 4 0", "* 4 0"], await CountsAsync(silo, user));
        await FailAsync(client, user, 1);
        var locked = await LoginAsync(client, user, HttpStatusCode.Locked);

        Assert.Equal("900", locked.Headers.RetryAfter!.ToString());
        _clock.Jump(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await LoginAsync(client, user, HttpStatusCode.Locked);
        _clock.Jump(TimeSpan.FromSeconds(1));
        await LoginAsync(client, user, HttpStatusCode.OK);
        Assert.Empty(await CountsAsync(silo, user));
    }

    [Fact]
    public async Task A_lockout_binds_the_address_that_earned_it_so_a_stranger_cannot_lock_the_owner_out()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync(), ("RoleFerry:Api:TrustedProxies:0", Proxy));
        var user = await silo.NewUserAsync();
        var attacker = Forwarded(silo, "203.0.113.7");
        var owner = Forwarded(silo, "198.51.100.2");

        await FailAsync(attacker, user, 5);

        await LoginAsync(attacker, user, HttpStatusCode.Locked);
        await LoginAsync(owner, user, HttpStatusCode.OK);
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_peer_that_is_no_trusted_proxy_is_ignored()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync());
        var user = await silo.NewUserAsync();

        for (var i = 0; i < 5; i++)
        {
            await FailAsync(Forwarded(silo, $"203.0.113.{i + 1}"), user, 1);
        }

        await LoginAsync(Forwarded(silo, "198.51.100.2"), user, HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Each_lockout_in_a_row_lasts_twice_the_one_before_until_the_right_password_ends_them()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync());
        var user = await silo.NewUserAsync();
        var client = silo.CreateClient();

        await FailAsync(client, user, 5);
        var first = await LoginAsync(client, user, HttpStatusCode.Locked);
        _clock.Jump(TimeSpan.FromMinutes(15));
        await FailAsync(client, user, 5);
        var second = await LoginAsync(client, user, HttpStatusCode.Locked);
        _clock.Jump(TimeSpan.FromMinutes(30));
        await LoginAsync(client, user, HttpStatusCode.OK);
        await FailAsync(client, user, 5);
        var afterSuccess = await LoginAsync(client, user, HttpStatusCode.Locked);

        Assert.Equal(["900", "1800", "900"], new[] { first, second, afterSuccess }.Select(r => r.Headers.RetryAfter!.ToString()));
    }

    [Fact]
    public async Task Wrong_passwords_from_every_address_together_lock_the_account_for_everyone()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync(),
            ("RoleFerry:Api:TrustedProxies:0", Proxy), ("RoleFerry:Api:MaxFailedLoginsPerAccount", "6"));
        var user = await silo.NewUserAsync();

        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            await FailAsync(Forwarded(silo, address), user, 2);
        }

        await LoginAsync(Forwarded(silo, "198.51.100.2"), user, HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Wrong_password_confirmations_count_like_failed_logins()
    {
        await using var silo = Silo(await TestDatabase.CreateAsync());
        var user = await silo.NewUserAsync();

        for (var i = 0; i < 3; i++)
        {
            var change = await user.Client.PostJsonAsync("/api/me/password", new { currentPassword = "wrong password!", newPassword = "a new passphrase" });
            await change.ProblemAsync(HttpStatusCode.BadRequest, "currentPassword");
        }

        for (var i = 0; i < 2; i++)
        {
            var delete = await user.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = System.Net.Http.Json.JsonContent.Create(new { password = "wrong password!" }) });
            await delete.ProblemAsync(HttpStatusCode.BadRequest, "password");
        }

        await LoginAsync(silo.CreateClient(), user, HttpStatusCode.Locked);
        var lockedChange = await user.Client.PostJsonAsync("/api/me/password", new { currentPassword = user.Password, newPassword = "a new passphrase" });
        await lockedChange.ProblemAsync(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Every_silo_of_the_cluster_shares_the_counts_and_the_rate_limit()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var first = Silo(connectionString);
        await using var second = Silo(connectionString);
        var user = await first.NewUserAsync();

        await FailAsync(first.CreateClient(), user, 3);
        await FailAsync(second.CreateClient(), user, 2);
        await LoginAsync(first.CreateClient(), user, HttpStatusCode.Locked);

        var limitedDatabase = await TestDatabase.CreateAsync();
        (string, string)[] limit = [("RoleFerry:Api:AuthRateLimit:PermitLimit", "3"), ("RoleFerry:Api:AuthRateLimit:Window", "01:00:00")];
        await using var limitedFirst = Silo(limitedDatabase, limit);
        await using var limitedSecond = Silo(limitedDatabase, limit);
        var unknown = new { email = Users.NewEmail(), password = "anything at all" };
        foreach (var silo in new[] { limitedFirst, limitedSecond, limitedFirst })
        {
            await (await silo.CreateClient().PostJsonAsync("/api/auth/login", unknown)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await limitedSecond.CreateClient().PostJsonAsync("/api/auth/login", unknown);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter!.Delta);
    }

    private ApiFactory Silo(string connectionString, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["RoleFerry:Cluster:ClusterId"] = "brute-force" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var silo = new ApiFactory(connectionString, all, _clock);
        _ = silo.Server;
        return silo;
    }

    private static HttpClient Forwarded(ApiFactory silo, string address)
    {
        var client = silo.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task FailAsync(HttpClient client, TestUser user, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await (await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password!" })).ProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, TestUser user, HttpStatusCode expected)
    {
        var response = await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>The account's counts: "client failures lockouts", the address's first.</summary>
    private static Task<List<string>> CountsAsync(ApiFactory silo, TestUser user) =>
        Db.ColumnAsync(silo.ConnectionString,
            "SELECT client || ' ' || failures || ' ' || lockouts FROM login_failures WHERE user_id = $1 ORDER BY client = '*', client", user.Id);
}
