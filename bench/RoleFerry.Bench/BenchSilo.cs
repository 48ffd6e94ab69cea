using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RoleFerry.Silo;

namespace RoleFerry.Bench;

/// <summary>
/// The product's silo host, in this process: <c>WebApplication</c> + <see cref="SiloExtensions.AddRoleFerrySilo"/> +
/// <see cref="SiloExtensions.MapRoleFerrySilo"/>, exactly as src/Silo/Program.cs builds it (Orleans with ADO.NET
/// clustering, reminders and grain storage on the given PostgreSQL database, RoleFerry's grains and grain storages,
/// the dashboard, the API on Kestrel, telemetry, migrations at start-up), on the real clock, plus this assembly's
/// benchmark grains (found by Orleans like any grain of a referenced assembly). The only differences from a deployed
/// silo: configuration comes from memory (fresh random secrets, free local ports for silo-to-silo and gateway, an
/// HTTP port of the system's choosing), and warnings/errors go to a <see cref="SiloLog"/> instead of the console
/// (Information and below are dropped). A start that loses a port to another process is retried on fresh ports.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    private const int StartAttempts = 3;

    private readonly WebApplication _app;

    private BenchSilo(WebApplication app, SiloLog log, TimeSpan started)
    {
        _app = app;
        Log = log;
        StartDuration = started;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Grain calls from outside any grain, through this silo (as the co-hosted API calls).</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's own data source (RoleFerryDataSource: prepared statements).</summary>
    public NpgsqlDataSource DataSource => _app.Services.GetRequiredService<NpgsqlDataSource>();

    public SiloLog Log { get; }

    /// <summary>From building the host to StartAsync returning (migrations check, Orleans start, Kestrel).</summary>
    public TimeSpan StartDuration { get; }

    /// <param name="connectionString">A migrated database (a copy of <see cref="BenchDatabase"/>'s template).</param>
    /// <param name="maxPoolSize">
    /// Npgsql's Max Pool Size in the silo's connection string; null: none, so the silo runs with the product's pool
    /// (<c>RoleFerryDataSource</c>: at most 32 connections, all kept). A larger maximum than the kept minimum lets a
    /// burst open connections that Npgsql's pruning closes together 5 minutes later (BENCHMARKS.md, "fifth steps").
    /// </param>
    /// <param name="overrides">Configuration entries set over the defaults (e.g. <c>RoleFerry:Quotas:...</c>).</param>
    /// <param name="services">Changes to the services after the product's registrations (e.g. another mail transport).</param>
    /// <param name="logPath">Where the silo's warnings and errors go; null: counted only.</param>
    public static async Task<BenchSilo> StartAsync(
        string connectionString,
        int? maxPoolSize = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null,
        string? logPath = null)
    {
        // The silo-to-silo and gateway ports are picked free just before the silo binds them; another process on this
        // shared machine may take one in between. Such a start is stopped and tried again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(connectionString, maxPoolSize, overrides, services, logPath);
            }
            catch (Exception error) when (attempt < StartAttempts && IsAddressInUse(error))
            {
                Console.Error.WriteLine($"The bench silo could not bind a port ({error.Message}); starting it again on fresh ports.");
            }
        }
    }

    private static async Task<BenchSilo> StartOnceAsync(
        string connectionString,
        int? maxPoolSize,
        IReadOnlyDictionary<string, string?>? overrides,
        Action<IServiceCollection>? services,
        string? logPath)
    {
        var pooled = maxPoolSize is int max
            ? new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = max }.ConnectionString
            : connectionString;
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{SiloExtensions.ConnectionStringName}"] = pooled,
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:WebhookSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.bench",
            ["RoleFerry:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["RoleFerry:Cluster:SiloPort"] = RoleFerry.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RoleFerry:Cluster:GatewayPort"] = RoleFerry.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Port 0: Kestrel binds a port of the system's choosing (nothing in the harness calls this silo over HTTP).
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddRoleFerrySilo();
        var log = new SiloLog(logPath);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(log);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapRoleFerrySilo();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // Services that did start (Orleans joins the cluster before Kestrel binds) leave it cleanly: a silo
            // left "active" in the membership table would be probed by the next silo on this database. The start's
            // own failure is the one reported.
            try
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                await app.StopAsync(timeout.Token);
            }
            catch (Exception stopError)
            {
                Console.Error.WriteLine($"The bench silo that failed to start did not stop cleanly: {stopError.Message}");
            }

            await app.DisposeAsync();
            log.Dispose();
            NpgsqlConnection.ClearAllPools();
            throw;
        }

        return new BenchSilo(app, log, watch.Elapsed);
    }

    /// <summary>A bind that failed because the port was taken (Kestrel's AddressInUseException, a socket error), anywhere in the chain.</summary>
    private static bool IsAddressInUse(Exception error) => error switch
    {
        Microsoft.AspNetCore.Connections.AddressInUseException => true,
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsAddressInUse),
        _ => error.InnerException is { } inner && IsAddressInUse(inner),
    };

    /// <summary>Activations in the silo now (Orleans' management grain: the catalog's count, system targets excluded).</summary>
    public Task<int> ActivationCountAsync() =>
        Grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            Log.Dispose();
            // Orleans' ADO.NET providers open their connections through Npgsql's global pool (by connection string),
            // which outlives the silo: close its idle connections, or the next cases' silos run out of PostgreSQL's
            // max_connections (53300 "too many clients").
            NpgsqlConnection.ClearAllPools();
        }
    }
}
