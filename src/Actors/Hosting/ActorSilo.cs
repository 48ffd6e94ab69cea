using Microsoft.Extensions.Hosting;
using RoleFerry.Actors.Runtime;

namespace RoleFerry.Actors.Hosting;

/// <summary>Runs the grain runtime for the life of the host.</summary>
internal sealed class ActorSilo(ActorRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
