using Microsoft.Extensions.Hosting;

namespace RoleFerry.Silo.Database;

/// <summary>Applies migrations at start-up, before the grain runtime starts (it is registered first).</summary>
internal sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
