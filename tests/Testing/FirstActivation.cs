using Orleans.Runtime.Diagnostics;

namespace RoleFerry.Testing;

/// <summary>
/// The first grain activation of the silo on <c>siloPort</c>, from Orleans' grain lifecycle diagnostic events: a
/// barrier for what Orleans records per activation (its catalog's activation count). Create it before the silo starts.
/// </summary>
public sealed class FirstActivation : IDisposable
{
    private readonly int _siloPort;
    private readonly TaskCompletionSource _activated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    public FirstActivation(int siloPort)
    {
        _siloPort = siloPort;
        _subscription = GrainLifecycleEvents.AllEvents.Subscribe(new ActionObserver<GrainLifecycleEvents.LifecycleEvent>(OnEvent));
    }

    /// <summary>Completes once a grain finished activating on the silo; a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout) => _activated.Task.WaitAsync(timeout);

    public void Dispose() => _subscription.Dispose();

    private void OnEvent(GrainLifecycleEvents.LifecycleEvent e)
    {
        if (e is GrainLifecycleEvents.Activated && e.GrainContext.Address.SiloAddress?.Endpoint.Port == _siloPort)
        {
            _activated.TrySetResult();
        }
    }
}
