using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;

namespace RoleFerry.Testing;

/// <summary>One running silo of a <see cref="SiloCluster"/>: its grain factory, a graceful stop and a crash.</summary>
public sealed class ClusterSilo(SiloCluster cluster, InProcessSiloHandle handle)
{
    public InProcessSiloHandle Handle { get; } = handle;

    public IServiceProvider Services => Handle.ServiceProvider;

    /// <summary>Grain calls through this silo, from outside any grain (as the co-hosted API calls).</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Graceful stop: reminders stop, activations deactivate, the silo leaves the membership.</summary>
    public Task StopAsync() => cluster.StopSiloAsync(Handle);

    /// <summary>A crash: the silo stops at once; nothing is deactivated or persisted.</summary>
    public Task KillAsync() => cluster.KillSiloAsync(Handle);
}
