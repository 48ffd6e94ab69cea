using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RoleFerry.Actors.Hosting;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Support;

/// <summary>
/// Each test: its own migrated database, a fake clock starting Monday 2026-11-02 09:00 UTC, the product's grains
/// with their real services, the real SMTP sink of ./test.sh. <see cref="Seed"/> inserts users, jobs, contacts.
/// </summary>
public abstract class GrainTest : IAsyncLifetime
{
    private readonly List<TestSilo> _silos = [];

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected string ConnectionString { get; private set; } = "";

    protected NpgsqlDataSource Db { get; private set; } = null!;

    protected Seed Seed { get; private set; } = null!;

    /// <summary>Configuration every silo of this test gets; add keys before starting one.</summary>
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
        Seed = new Seed(Db, Clock);
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Db.DisposeAsync();
    }

    protected async Task<TestSilo> StartSiloAsync(
        Action<ActorRuntimeOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var silo = await TestSilo.StartAsync(
            ConnectionString,
            Clock,
            [GrainsAssembly.Value],
            configure,
            s =>
            {
                s.AddRoleFerryGrains(configuration);
                services?.Invoke(s);
            });
        _silos.Add(silo);
        return silo;
    }
}
