using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RoleFerry.Actors.Runtime;

/// <summary>
/// One activation of a grain: its instance and its request queue. Exactly one request runs at a time, to
/// completion, across awaits. Deactivation closes the queue; requests already queued still run first.
/// </summary>
internal sealed class ActivationData
{
    private readonly Channel<WorkItem> _queue =
        Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly GrainClass _grainClass;
    private readonly Task? _predecessor;
    private ActivationStatus _status = ActivationStatus.Activating;
    private DeactivationReason _reason;
    private int _pending;
    private bool _running;
    private DateTimeOffset _lastUsed;

    public ActivationData(ActorRuntime runtime, GrainId grainId, GrainClass grainClass, Task? predecessor)
    {
        Runtime = runtime;
        GrainId = grainId;
        _grainClass = grainClass;
        _predecessor = predecessor;
        _lastUsed = runtime.TimeProvider.GetUtcNow();
    }

    public ActorRuntime Runtime { get; }

    public GrainId GrainId { get; }

    /// <summary>Completes when the activation has deactivated (its state is persisted and it takes no more requests).</summary>
    public Task Completion => _done.Task;

    public void Start()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues a request; false when this activation is deactivating (the caller then finds the next one).</summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (_gate)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                return false;
            }

            _pending++;
            _queue.Writer.TryWrite(item);
            return true;
        }
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_gate)
        {
            BeginDeactivation(reason);
        }
    }

    /// <summary>Deactivates when nothing is queued or running and the last request ended at least <paramref name="age"/> ago.</summary>
    public bool TryCollect(DateTimeOffset now, TimeSpan age)
    {
        lock (_gate)
        {
            if (_status != ActivationStatus.Valid || _pending > 0 || _running || now - _lastUsed < age)
            {
                return false;
            }

            BeginDeactivation(DeactivationReason.IdleCollection);
        }

        return true;
    }

    private void BeginDeactivation(DeactivationReason reason)
    {
        if (_status >= ActivationStatus.Deactivating)
        {
            return;
        }

        _status = ActivationStatus.Deactivating;
        _reason = reason;

        // Under the gate, so the catalog always hears "deactivating" before the run loop can report "deactivated".
        Runtime.Catalog.OnDeactivating(this);
        _queue.Writer.TryComplete();
    }

    private async Task RunAsync()
    {
        if (_predecessor is not null)
        {
            await _predecessor.ConfigureAwait(false);
        }

        var grain = await ActivateAsync().ConfigureAwait(false);
        if (grain is null)
        {
            return;
        }

        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!item.IsCompleted && Runtime.TimeProvider.GetUtcNow() >= item.Deadline)
            {
                item.Fail(Runtime.CallTimedOut(item));
            }

            if (item.IsCompleted)
            {
                lock (_gate)
                {
                    _pending--;
                }

                continue;
            }

            lock (_gate)
            {
                _running = true;
            }

            var error = await item.ExecuteAsync(grain).ConfigureAwait(false);
            lock (_gate)
            {
                _running = false;
                _pending--;
                _lastUsed = Runtime.TimeProvider.GetUtcNow();
            }

            if (error is InconsistentStateException)
            {
                Runtime.Logger.LogWarning(error, "Deactivating {GrainId} after a state conflict; the next call reloads it", GrainId);
                RequestDeactivation(DeactivationReason.InconsistentState);
            }
        }

        await DeactivateAsync(grain).ConfigureAwait(false);
    }

    private async Task<Grain?> ActivateAsync()
    {
        try
        {
            var grain = await _grainClass.CreateAsync(Runtime.Services, this).ConfigureAwait(false);
            await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (_status == ActivationStatus.Activating)
                {
                    _status = ActivationStatus.Valid;
                }
            }

            Runtime.Metrics.ActivationCreated(GrainId.Type);
            return grain;
        }
        catch (Exception error)
        {
            Runtime.Logger.LogError(error, "Activation of {GrainId} failed", GrainId);
            lock (_gate)
            {
                BeginDeactivation(DeactivationReason.ApplicationRequested);
                _status = ActivationStatus.Done;
            }

            while (_queue.Reader.TryRead(out var item))
            {
                item.Fail(error);
            }

            Runtime.Catalog.OnDeactivated(this);
            _done.TrySetResult();
            return null;
        }
    }

    private async Task DeactivateAsync(Grain grain)
    {
        try
        {
            await grain.OnDeactivateAsync(_reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Runtime.Logger.LogError(error, "OnDeactivateAsync of {GrainId} failed", GrainId);
        }
        finally
        {
            lock (_gate)
            {
                _status = ActivationStatus.Done;
            }

            Runtime.Metrics.ActivationRemoved(GrainId.Type);
            Runtime.Catalog.OnDeactivated(this);
            _done.TrySetResult();
        }
    }
}
