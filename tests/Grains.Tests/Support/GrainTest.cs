using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Support;

/// <summary>
/// Each test: its own migrated database, a fake clock starting Monday 2026-11-02 09:00 UTC, an in-process Orleans
/// cluster (<see cref="SiloCluster"/>, started empty; <see cref="StartSiloAsync"/> adds silos) running the
/// product's grains with their real services, the real SMTP sink of ./test.sh. <see cref="Seed"/> inserts users,
/// jobs, contacts.
/// </summary>
public abstract class GrainTest : IAsyncLifetime
{
    private SiloCluster? _cluster;

    protected TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected string ConnectionString { get; private set; } = "";

    protected NpgsqlDataSource Db { get; private set; } = null!;

    protected Seed Seed { get; private set; } = null!;

    protected SiloCluster Cluster => _cluster ?? throw new InvalidOperationException("No silo was started.");

    /// <summary>How the silos reach the database (the test's own connection, unless a test puts something between).</summary>
    protected virtual string SiloConnectionString => ConnectionString;

    /// <summary>Configuration every silo of this test gets; add keys before starting the first one.</summary>
    protected Dictionary<string, string?> Settings { get; } = new()
    {
        ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.test",
    };

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        Db = NpgsqlDataSource.Create(ConnectionString);
        Seed = new Seed(Db, Clock.Time);
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Clock.Dispose();
        await Db.DisposeAsync();
    }

    /// <summary>Starts a silo of this test's cluster; <paramref name="services"/> changes that silo's services only.</summary>
    protected async Task<ClusterSilo> StartSiloAsync(Action<IServiceCollection>? services = null)
    {
        _cluster ??= await SiloCluster.StartAsync(SiloConnectionString, Clock, Settings, silos: 0, observerConnectionString: ConnectionString);
        return await _cluster.StartSiloAsync(s =>
        {
            ConfigureSiloServices(s);
            services?.Invoke(s);
        });
    }

    /// <summary>Changes the services of every silo this test starts (e.g. a third party's stand-in).</summary>
    protected virtual void ConfigureSiloServices(IServiceCollection services)
    {
    }
}
