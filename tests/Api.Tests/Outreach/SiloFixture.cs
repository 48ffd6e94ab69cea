using Microsoft.Extensions.DependencyInjection;
using Orleans;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// One silo over one fresh database for a test class, on a fake clock that starts Monday 2026-11-02 09:00 UTC
/// (inside the default sending window) and moves only when a test advances it (through the <see cref="TestClock"/>,
/// which stops at every reminder tick). A fixture adds its own settings to the webhook secret and token lifetime.
/// </summary>
public abstract class SiloFixture(string webhookSecret, TimeSpan tokenLifetime) : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://roleferry.test";

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private TestUser? _admin;
    private Npgsql.NpgsqlDataSource? _reminders;

    public TestClock Clock { get; } = new(Start);

    public ApiFactory Factory { get; private set; } = null!;

    public string ConnectionString => Factory.ConnectionString;

    /// <summary>Settings of this fixture's silo beyond the webhook secret, public URL and token lifetime.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["RoleFerry:WebhookSecret"] = webhookSecret,
            ["RoleFerry:Email:PublicBaseUrl"] = PublicBaseUrl,
            ["RoleFerry:Api:TokenLifetime"] = tokenLifetime.ToString("c"),
        };
        Factory = new ApiFactory(await TestDatabase.CreateAsync(), settings, Clock);
        _ = Factory.Server;
        _reminders = Npgsql.NpgsqlDataSource.Create(Factory.ConnectionString);
        Clock.Watch(new ReminderTable(_reminders, Factory.ServiceId), () => !Factory.Services.GetRequiredService<SendGate>().Idle);
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

    /// <summary>How Orleans names a grain in its tables (<c>orleansreminderstable.grainid</c>): its type and hex key.</summary>
    public string GrainIdOf<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<TGrain>(key).GetGrainId().ToString();

    public Task<TestUser> NewUserAsync(string? email = null) => Factory.NewUserAsync(email);

    /// <summary>The admin of this silo (an account with the admin flag), registered on first use.</summary>
    public async Task<TestUser> AdminAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            return _admin ??= await Factory.NewAdminAsync(ConnectionString);
        }
        finally
        {
            _adminGate.Release();
        }
    }
}
