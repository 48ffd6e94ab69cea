using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Silo.Database;
using RoleFerry.Actors;
using RoleFerry.Actors.Hosting;
using RoleFerry.Actors.Runtime;
using RoleFerry.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// The grain runtime hosted in this process as the silo hosts it: the real clock, a real PostgreSQL database, the
/// product's grains with their services (random security keys) plus this assembly's benchmark grains.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ActorRuntime Runtime => _host.Services.GetRequiredService<ActorRuntime>();

    public NpgsqlDataSource DataSource => _host.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The runtime options in force (the defaults, as the silo has them, unless a benchmark changed them).</summary>
    public ActorRuntimeOptions Options => _host.Services.GetRequiredService<IOptions<ActorRuntimeOptions>>().Value;

    /// <param name="overrides">Configuration entries set over the defaults (e.g. <c>RoleFerry:Quotas:...</c>).</param>
    /// <param name="services">Changes to the services after the product's registrations (e.g. another mail transport).</param>
    public static async Task<BenchSilo> StartAsync(
        string connectionString,
        int maxPoolSize = 100,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null,
        Action<ActorRuntimeOptions>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.bench",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
        builder.Services.AddSingleton(_ => RoleFerryDataSource.Create(pooled));
        builder.Services.AddActors(GrainsAssembly.Value, typeof(BenchSilo).Assembly);
        builder.Services.AddRoleFerryGrains(configuration);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
