using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

/// <summary>What test grains report: activations, deactivations, reminder ticks. Tests wait on these events.</summary>
public sealed class Probe
{
    private readonly Lock _gate = new();
    private readonly List<ProbeEvent> _events = [];
    private readonly List<(Func<ProbeEvent, bool> Match, TaskCompletionSource<ProbeEvent> Waiter)> _waiters = [];

    public IReadOnlyList<ProbeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public void Record(string kind, GrainId grain, string detail = "", DateTimeOffset at = default, object? data = null)
    {
        var e = new ProbeEvent(kind, grain, detail, at, data);
        lock (_gate)
        {
            _events.Add(e);
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Waiter.TrySetResult(e);
            }
        }
    }

    public int Count(string kind) => Events.Count(e => e.Kind == kind);

    /// <summary>Waits until <paramref name="count"/> events of <paramref name="kind"/> were recorded.</summary>
    public Task<ProbeEvent> WaitForCount(string kind, int count)
    {
        var seen = 0;
        return WaitFor(kind, _ => ++seen >= count);
    }

    /// <summary>Waits for the first event that matches, recorded already or later (10 s safety limit, never a sleep).</summary>
    public Task<ProbeEvent> WaitFor(string kind, Func<ProbeEvent, bool>? match = null)
    {
        bool Matches(ProbeEvent e) => e.Kind == kind && (match?.Invoke(e) ?? true);
        lock (_gate)
        {
            var existing = _events.FirstOrDefault(Matches);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var waiter = new TaskCompletionSource<ProbeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, waiter));
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
