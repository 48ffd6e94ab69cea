using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Support;

/// <summary>
/// A whole silo (API + Orleans, ADO.NET clustering on the test database, free local ports) in memory over one test
/// database. Settings override the defaults below; a <see cref="TestClock"/>, when given, drives the grains' and
/// reminders' time; every log entry is captured in <see cref="Logs"/>.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly TestClock? _clock;

    public ApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TestClock? clock = null)
    {
        ConnectionString = connectionString;
        _settings = settings;
        _clock = clock;
        // Clients speak https, as browsers of a public RoleFerry do: a silo whose public address is https redirects
        // plain http (and following the redirect would drop the bearer token).
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public string ConnectionString { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The Orleans service id of this silo (keys its reminders).</summary>
    public string ServiceId { get; } = "api-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RoleFerry"] = ConnectionString,
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "100000",
            ["RoleFerry:Cluster:ServiceId"] = ServiceId,
            ["RoleFerry:Cluster:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["RoleFerry:Cluster:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["RoleFerry:Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
        {
            defaults[key] = value;
        }

        foreach (var (key, value) in defaults)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackPeer>());
        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddTestClock(_clock));
        }
    }
}
