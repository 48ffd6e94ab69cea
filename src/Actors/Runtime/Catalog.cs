using System.Collections.Concurrent;

namespace RoleFerry.Actors.Runtime;

/// <summary>
/// The activations of this silo, one per grain id. A new activation of an id that is still deactivating
/// waits for the old one to finish (and persist) before it activates.
/// </summary>
internal sealed class Catalog(ActorRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, ActivationData> _deactivating = new();
    private volatile bool _stopping;
    private volatile bool _aborted;

    public int Count => _activations.Count;

    /// <summary>Queues a request on the grain's activation, creating the activation if there is none.</summary>
    public void Enqueue(GrainId grainId, WorkItem item)
    {
        if (_aborted)
        {
            throw new ObjectDisposedException(nameof(ActorRuntime), $"The silo is stopped; {grainId} cannot be called.");
        }

        if (_stopping && item.Chain.Caller is null)
        {
            throw new InvalidOperationException($"The silo is shutting down; {grainId} takes no new requests.");
        }

        while (true)
        {
            if (GetOrCreate(grainId).TryEnqueue(item))
            {
                return;
            }
        }
    }

    public void CollectIdle(DateTimeOffset now, TimeSpan age)
    {
        foreach (var activation in _activations.Values)
        {
            activation.TryCollect(now, age);
        }
    }

    /// <summary>
    /// Graceful stop: new external calls are refused, every activation finishes its queued turns and deactivates.
    /// Turns still running may call other grains; those activations are deactivated in the next round.
    /// </summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        while (!_activations.IsEmpty || !_deactivating.IsEmpty)
        {
            var all = _activations.Values.Concat(_deactivating.Values).Distinct().ToArray();
            foreach (var activation in all)
            {
                activation.RequestDeactivation(DeactivationReason.ShuttingDown);
            }

            await Task.WhenAll(all.Select(a => a.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses every further call; activations are dropped without deactivation.</summary>
    public void Abort()
    {
        _aborted = true;
        _stopping = true;
    }

    public void OnDeactivating(ActivationData activation)
    {
        _deactivating[activation.GrainId] = activation;
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
    }

    public void OnDeactivated(ActivationData activation) =>
        _deactivating.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    private ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var grainClass = runtime.Registry.GetByTypeName(grainId.Type);
        var predecessor = _deactivating.TryGetValue(grainId, out var old) ? old.Completion : null;
        var created = new ActivationData(runtime, grainId, grainClass, predecessor);
        var actual = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(actual, created))
        {
            created.Start();
        }

        return actual;
    }
}
