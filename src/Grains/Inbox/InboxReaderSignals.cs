namespace RoleFerry.Grains.Inbox;

/// <summary>
/// What the mailbox readers of this silo did, as it happens (a diagnostic signal, kept in memory: the last
/// <see cref="Capacity"/> signals). The readers' loops run on real time against a real IMAP server, so whoever
/// must know when a message was dealt with (a test, an operator's tool) waits here, on the reader's own signal,
/// instead of sleeping.
/// </summary>
public sealed class InboxReaderSignals
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<InboxReaderSignal> _signals = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _published;

    public void Publish(InboxReaderSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _signals.AddLast(signal with { Number = ++_published });
            if (_signals.Count > Capacity)
            {
                _signals.RemoveFirst();
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The number of the latest signal of any reader (0 before the first): wait for signals after it.</summary>
    public long Latest
    {
        get
        {
            lock (_gate)
            {
                return _published;
            }
        }
    }

    /// <summary>The signals of <paramref name="mailboxId"/> kept so far, oldest first.</summary>
    public IReadOnlyList<InboxReaderSignal> Of(long mailboxId)
    {
        lock (_gate)
        {
            return _signals.Where(s => s.MailboxId == mailboxId).ToList();
        }
    }

    /// <summary>
    /// The first signal of <paramref name="mailboxId"/> (already kept, or still to come) that <paramref name="condition"/>
    /// accepts; a <see cref="TimeoutException"/> listing what came when none did within <paramref name="timeout"/>.
    /// </summary>
    public async Task<InboxReaderSignal> WaitForAsync(long mailboxId, Func<InboxReaderSignal, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_signals.FirstOrDefault(s => s.MailboxId == mailboxId && condition(s)) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                var seen = Of(mailboxId).TakeLast(10).Select(s => $"{s.Event} #{s.Round} uid {s.LastUid} {s.Outcome}{s.Error}");
                throw new TimeoutException($"Mailbox {mailboxId}'s reader gave no such signal within {timeout}; last: [{string.Join("; ", seen)}]");
            }
        }
    }
}
