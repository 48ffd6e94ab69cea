using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// One silo over one fresh database for an outreach test class, on a fake clock that starts Monday 2026-11-02
/// 09:00 UTC (inside the default sending window) and moves only when a test advances it (through the
/// <see cref="TestClock"/>, which stops at every reminder tick). Bearer tokens outlive the clock moves, and the
/// webhook secret is known.
/// </summary>
public sealed class OutreachFixture : IAsyncLifetime
{
    public const string WebhookSecret = "outreach-tests-webhook-secret";

    public const string PublicBaseUrl = "https://roleferry.test";

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private TestUser? _admin;
    private Npgsql.NpgsqlDataSource? _reminders;

    public TestClock Clock { get; } = new(Start);

    public ApiFactory Factory { get; private set; } = null!;

    public string ConnectionString => Factory.ConnectionString;

    public async Task InitializeAsync()
    {
        Factory = new ApiFactory(
            await TestDatabase.CreateAsync(),
            new Dictionary<string, string?>
            {
                ["RoleFerry:WebhookSecret"] = WebhookSecret,
                ["RoleFerry:Email:PublicBaseUrl"] = PublicBaseUrl,
                ["RoleFerry:Api:TokenLifetime"] = "30.00:00:00",
            },
            Clock);
        _ = Factory.Server;
        _reminders = Npgsql.NpgsqlDataSource.Create(Factory.ConnectionString);
        Clock.Watch(new ReminderTable(_reminders, Factory.ServiceId));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Clock.Dispose();
        if (_reminders is not null)
        {
            await _reminders.DisposeAsync();
        }
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public Task<TestUser> NewUserAsync(string? email = null) => Factory.NewUserAsync(email);

    /// <summary>The admin of this silo (<see cref="ApiFactory.AdminEmail"/>), registered on first use.</summary>
    public async Task<TestUser> AdminAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            return _admin ??= await Factory.NewUserAsync(ApiFactory.AdminEmail);
        }
        finally
        {
            _adminGate.Release();
        }
    }

    /// <summary>A fresh active mailbox (no warm-up, cap 50, no gap) that sends to the test SMTP server.</summary>
    public async Task<JsonElement> NewMailboxAsync()
    {
        var admin = await AdminAsync();
        var response = await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest());
        return await response.JsonAsync(HttpStatusCode.Created);
    }
}
