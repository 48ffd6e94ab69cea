using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Bounds how many due steps one silo works on at once (<see cref="SequenceOptions.MaxConcurrentSends"/>). When
/// thousands of wake-ups fire together, unbounded they all wait on the same connection pool and mailboxes and the
/// first step leaves only after seconds; bounded, the first ones finish at once and the rest follow in turn.
/// A wake-up that finds every turn taken does not wait for one (its reminder call would time out, and the reminder
/// would tick again into the same queue): the sequence is queued, once however often it ticks, and the gate calls
/// its grain (<see cref="ISequenceEngineGrain.SendDueStepAsync"/>) in the next turn that frees. The queue is memory only:
/// after a crash the sequences' reminders wake them again.
/// </summary>
public sealed class SendGate
{
    private readonly SemaphoreSlim _turns;

    private readonly int _maxTurns;

    private readonly Func<long, Task> _sendQueued;

    private readonly ILogger _logger;

    private readonly Lock _lock = new();

    private readonly Queue<long> _waiting = new();

    private readonly HashSet<long> _queued = [];

    public SendGate(IOptions<SequenceOptions> options, IGrainFactory grains, ILogger<SendGate> logger)
        : this(options, id => grains.GetGrain<ISequenceEngineGrain>(id).SendDueStepAsync(), logger)
    {
    }

    /// <param name="sendQueued">Sends a queued sequence's due step in the turn the gate took for it.</param>
    internal SendGate(IOptions<SequenceOptions> options, Func<long, Task> sendQueued, ILogger logger)
    {
        _maxTurns = options.Value.MaxConcurrentSends;
        _turns = new SemaphoreSlim(_maxTurns);
        _sendQueued = sendQueued;
        _logger = logger;
    }

    /// <summary>How many sequences wait for a turn.</summary>
    public int Queued
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// No step is being sent through the gate and none waits for a turn (a queued step is handed the turn of the
    /// send before it, so every turn is free only once the last send is over).
    /// </summary>
    public bool Idle => Queued == 0 && _turns.CurrentCount == _maxTurns;

    /// <summary>Runs <paramref name="send"/> in a free turn, or queues the sequence for the next turn and returns at once.</summary>
    public async Task RunOrQueueAsync(long sequenceId, Func<Task> send)
    {
        if (!_turns.Wait(0))
        {
            Enqueue(sequenceId);
            // A turn freed between the check and the enqueue saw an empty queue: take it for the queue now.
            if (_turns.Wait(0))
            {
                PassOn();
            }

            return;
        }

        try
        {
            await send();
        }
        finally
        {
            PassOn();
        }
    }

    private void Enqueue(long sequenceId)
    {
        lock (_lock)
        {
            if (_queued.Add(sequenceId))
            {
                _waiting.Enqueue(sequenceId);
            }
        }
    }

    /// <summary>The caller's turn is over: the next queued sequence gets it, else it is free.</summary>
    private void PassOn()
    {
        long next;
        lock (_lock)
        {
            if (!_waiting.TryDequeue(out next))
            {
                _turns.Release();
                return;
            }

            _queued.Remove(next);
        }

        _ = SendQueuedAsync(next);
    }

    private async Task SendQueuedAsync(long sequenceId)
    {
        try
        {
            await _sendQueued(sequenceId);
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Sequence {Id}: its queued step failed; its wake-up reminder tries again", sequenceId);
        }
        finally
        {
            PassOn();
        }
    }
}
