using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using RoleFerry.Grains;
using RoleFerry.Grains.Sequences;
using RoleFerry.Silo.Database;
using RoleFerry.Silo.Hosting;

namespace RoleFerry.Testing;

/// <summary>
/// RoleFerry's grains on Orleans' <see cref="InProcessTestCluster"/>: real PostgreSQL (reminders, grain storage and
/// RoleFerry's tables in one test database), the product's grain services, and a <see cref="TestClock"/> driving
/// grain and reminder time. Silos start, stop gracefully or are killed as a crash would; membership is the test
/// cluster's in-process table, with the product's failover settings (<see cref="ClusterSettings"/>).
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly TestClock _clock;
    private Action<IServiceCollection>? _nextSiloServices;

    private SiloCluster(InProcessTestCluster cluster, TestClock clock, NpgsqlDataSource db, GrainCallLog calls)
    {
        _cluster = cluster;
        _clock = clock;
        DataSource = db;
        Calls = calls;
    }

    /// <summary>The silos running now.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => _cluster.Silos;

    /// <summary>Grain calls from outside any grain, through the first running silo (as the co-hosted API calls).</summary>
    public IGrainFactory Grains => Silos.Count > 0
        ? Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>()
        : throw new InvalidOperationException("No silo is running.");

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The grain calls the silos finished (a barrier for one-way requests).</summary>
    public GrainCallLog Calls { get; }

    public string ServiceId => _cluster.Options.ServiceId;

    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos over <paramref name="connectionString"/> (a migrated test
    /// database). <paramref name="settings"/> is the silos' configuration (RoleFerry:* keys). The test reads the
    /// reminder table through <paramref name="observerConnectionString"/> (by default the silos' own).
    /// </summary>
    public static async Task<SiloCluster> StartAsync(
        string connectionString, TestClock clock, IReadOnlyDictionary<string, string?> settings, short silos = 1,
        string? observerConnectionString = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = silos > 0;
        SiloCluster? self = null;
        var calls = new GrainCallLog();
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Logging.ClearProviders();
            host.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            host.Services.AddTestClock(clock);
            host.Services.AddSingleton(_ => RoleFerryDataSource.Create(connectionString));
            host.Services.AddRoleFerryGrains(host.Configuration);
            host.Services.AddSingleton<IIncomingGrainCallFilter>(calls);
            if (self is not null)
            {
                var extra = Interlocked.Exchange(ref self._nextSiloServices, null);
                extra?.Invoke(host.Services);
            }
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRoleFerryPersistence(connectionString);
            // The product's failover settings: the cluster tests hold the product to them.
            silo.Configure<ClusterMembershipOptions>(o => new ClusterSettings().ApplyFailover(o));
        });
        var cluster = builder.Build();
        var db = NpgsqlDataSource.Create(observerConnectionString ?? connectionString);
        self = new SiloCluster(cluster, clock, db, calls);
        clock.Watch(new ReminderTable(db, cluster.Options.ServiceId),
            () => self.Silos.Any(s => !s.ServiceProvider.GetRequiredService<SendGate>().Idle));
        await cluster.DeployAsync();
        return self;
    }

    /// <summary>Starts one more silo; <paramref name="services"/> changes its services only (e.g. a stuck mail transport).</summary>
    public async Task<ClusterSilo> StartSiloAsync(Action<IServiceCollection>? services = null)
    {
        _nextSiloServices = services;
        return new ClusterSilo(this, await _cluster.StartAdditionalSiloAsync());
    }

    /// <summary>Graceful stop: reminders stop, activations deactivate, the silo leaves the membership.</summary>
    public async Task StopSiloAsync(InProcessSiloHandle silo)
    {
        await _cluster.StopSiloAsync(silo);
        _clock.Forget(silo.SiloAddress);
    }

    /// <summary>
    /// A crash: the silo stops at once, nothing is deactivated or persisted, and the others learn of it only by
    /// failed probes (or a silo restarted on its endpoint declares it dead).
    /// </summary>
    public async Task KillSiloAsync(InProcessSiloHandle silo)
    {
        _clock.Forget(silo.SiloAddress);
        await _cluster.KillSiloAsync(silo);
    }

    /// <summary>Deactivates a grain's activation (its next call activates it again, from its stored state).</summary>
    public Task DeactivateAsync(IAddressable grain) => _cluster.DeactivateAsync(grain);

    /// <summary>Moves the test clock (see <see cref="TestClock.AdvanceAsync"/>).</summary>
    public Task AdvanceAsync(TimeSpan delta) => _clock.AdvanceAsync(delta);

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
