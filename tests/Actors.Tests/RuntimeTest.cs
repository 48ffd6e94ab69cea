using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Actors.Hosting;
using RoleFerry.Actors.Tests.Grains;
using RoleFerry.Testing;

namespace RoleFerry.Actors.Tests;

/// <summary>Each test gets its own migrated database, a fake clock and a probe; silos are started on demand.</summary>
public abstract class RuntimeTest : IAsyncLifetime
{
    private readonly List<TestSilo> _silos = [];

    protected FakeTimeProvider Clock { get; } = new();

    protected Probe Probe { get; } = new();

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    protected async Task<TestSilo> StartSiloAsync(Action<ActorRuntimeOptions>? configure = null)
    {
        var silo = await TestSilo.StartAsync(
            ConnectionString,
            Clock,
            [typeof(RuntimeTest).Assembly],
            configure,
            services => services.AddSingleton(Probe));
        _silos.Add(silo);
        return silo;
    }
}
