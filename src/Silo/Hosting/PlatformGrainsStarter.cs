using RoleFerry.Actors;
using RoleFerry.Grains.Interfaces.Maintenance;

namespace RoleFerry.Silo.Hosting;

/// <summary>Registers the platform's durable schedules once the grain runtime runs (idempotent on every start).</summary>
internal sealed class PlatformGrainsStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.PlatformKey).EnsureScheduledAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
