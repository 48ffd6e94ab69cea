using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RoleFerry.Silo.Database;
using RoleFerry.Actors;
using RoleFerry.Actors.Hosting;
using RoleFerry.Actors.Runtime;

namespace RoleFerry.Testing;

/// <summary>
/// A silo in the test process: the grain runtime over a real PostgreSQL database, on a fake clock.
/// <see cref="StopAsync"/> stops it gracefully; <see cref="Kill"/> drops it as a crash would.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public ActorRuntime Runtime => Services.GetRequiredService<ActorRuntime>();

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<TestSilo> StartAsync(
        string connectionString,
        TimeProvider clock,
        Assembly[] grainAssemblies,
        Action<ActorRuntimeOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(_ => RoleFerryDataSource.Create(connectionString));
        builder.Services.Configure<ActorRuntimeOptions>(o =>
        {
            // A test moves the fake clock in jumps while calls are in flight; only a test about timeouts wants one.
            o.CallTimeout = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
        builder.Services.AddActors(grainAssemblies);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="clock"/>.now + <paramref name="delta"/>, stopping at every reminder due
    /// time on the way; at each stop the reminders are scanned and every due tick is delivered and completed
    /// before the clock moves on. Ticks fire at their exact due times, and "nothing more happened" can be
    /// asserted afterwards.
    /// </summary>
    public async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan delta)
    {
        var target = clock.GetUtcNow() + delta;
        while (true)
        {
            await Runtime.Reminders.ScanNowAsync();
            await Runtime.Reminders.WhenIdleAsync();
            var now = clock.GetUtcNow();
            if (now >= target)
            {
                return;
            }

            await using var next = DataSource.CreateCommand("SELECT min(due_at) FROM grain_reminders");
            var due = await next.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : target;
            var stop = due > target ? target : due > now ? due : now + TimeSpan.FromSeconds(1);
            clock.Advance(stop - now);
        }
    }

    /// <summary>Graceful stop: in-flight turns finish, activations deactivate and persist.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Crash: the runtime stops at once; nothing is deactivated or persisted.</summary>
    public void Kill()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Runtime.Dispose();
        _host.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
