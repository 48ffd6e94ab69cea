using Orleans.Runtime;
using Orleans.Runtime.Diagnostics;

namespace RoleFerry.Testing;

/// <summary>
/// The activations and deactivations of the grains of a test's silos, from Orleans' grain lifecycle diagnostic events
/// (<see cref="GrainLifecycleEvents"/>): counts to assert on, and a barrier that waits for a deactivation, which
/// Orleans finishes after the turn that asked for it.
/// </summary>
public sealed class ActivationLog : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly HashSet<SiloAddress> _silos;
    private readonly List<GrainLifecycleEvents.LifecycleEvent> _events = [];
    private readonly IDisposable _subscription;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActivationLog(params IEnumerable<SiloAddress> silos)
    {
        _silos = [.. silos];
        _subscription = GrainLifecycleEvents.AllEvents.Subscribe(new ActionObserver<GrainLifecycleEvents.LifecycleEvent>(OnEvent));
    }

    /// <summary>How often <paramref name="grain"/> finished activating on the silos.</summary>
    public int Activations(GrainId grain) => Of<GrainLifecycleEvents.Activated>(grain).Count;

    /// <summary>The silo <paramref name="grain"/> was last activated on; null when it was not.</summary>
    public SiloAddress? SiloOf(GrainId grain) =>
        Of<GrainLifecycleEvents.Activated>(grain).LastOrDefault()?.GrainContext.Address.SiloAddress;

    /// <summary>How many grains of <paramref name="type"/> were activated on <paramref name="silo"/>.</summary>
    public int GrainsActivatedOn(SiloAddress silo, GrainType type)
    {
        lock (_gate)
        {
            return _events.OfType<GrainLifecycleEvents.Activated>()
                .Where(e => silo.Equals(e.GrainContext.Address.SiloAddress) && e.GrainContext.GrainId.Type.Equals(type))
                .Select(e => e.GrainContext.GrainId).Distinct().Count();
        }
    }

    /// <summary>Why <paramref name="grain"/>'s activations on the silos were deactivated, in order.</summary>
    public IReadOnlyList<DeactivationReasonCode> Deactivations(GrainId grain) =>
        Of<GrainLifecycleEvents.Deactivated>(grain).Select(e => e.Reason.ReasonCode).ToList();

    /// <summary>Waits until <paramref name="grain"/> was deactivated <paramref name="times"/> times on the silos.</summary>
    public async Task WaitForDeactivationsAsync(GrainId grain, int times)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            var seen = Deactivations(grain).Count;
            if (seen >= times)
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"{grain} was deactivated {seen} times within {Timeout.TotalSeconds} s, not {times}.");
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private List<T> Of<T>(GrainId grain) where T : GrainLifecycleEvents.LifecycleEvent
    {
        lock (_gate)
        {
            return _events.OfType<T>().Where(e => e.GrainContext.GrainId == grain).ToList();
        }
    }

    private void OnEvent(GrainLifecycleEvents.LifecycleEvent e)
    {
        if (e.GrainContext.Address.SiloAddress is not { } silo || !_silos.Contains(silo))
        {
            return;
        }

        lock (_gate)
        {
            _events.Add(e);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
