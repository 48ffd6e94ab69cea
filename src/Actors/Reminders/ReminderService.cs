using Microsoft.Extensions.Logging;
using RoleFerry.Actors.Runtime;

namespace RoleFerry.Actors.Reminders;

/// <summary>
/// Fires durable reminders on time. The table is the source of truth; reminders of this silo's partitions due
/// within <c>ReminderWindow</c> are held in a priority queue driven by one <see cref="TimeProvider"/> timer, and a
/// periodic scan refills it. A tick goes through the grain's turn queue; after it succeeds a one-shot row is
/// deleted and a periodic row advanced past now, both only if the version that fired is still stored. A failed
/// tick is retried with backoff; a tick whose completion was lost (crash) fires again after restart.
/// </summary>
internal sealed class ReminderService(ActorRuntime runtime, ReminderTable table)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId, string), ReminderEntry> _entries = new();
    private readonly PriorityQueue<ReminderEntry, DateTimeOffset> _queue = new();
    private readonly HashSet<Task> _ticks = new();
    private readonly SemaphoreSlim _tickSlots = new(runtime.Options.MaxConcurrentReminderTicks);
    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private ITimer? _dueTimer;
    private ITimer? _scanTimer;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private long _scanSequence;
    private bool _running;

    private TimeProvider Clock => runtime.TimeProvider;

    /// <summary>Raised after a tick was delivered and its row deleted or advanced (observability and tests).</summary>
    public event Action<GrainId, string, TickStatus>? TickCompleted;

    /// <summary>Raised after a tick failed and its retry was scheduled, with the retry time.</summary>
    public event Action<GrainId, string, DateTimeOffset>? TickFailed;

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.Count(e => e.State is ReminderEntryState.Queued or ReminderEntryState.Firing);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Metrics.ObservePendingReminders(() => PendingCount);
        _dueTimer = Clock.CreateTimer(_ => FireDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _running = true;
        }

        await ScanAsync(cancellationToken).ConfigureAwait(false);
        var interval = runtime.Options.ReminderScanInterval;
        _scanTimer = Clock.CreateTimer(_ => _ = ScanSafelyAsync(), null, interval, interval);
    }

    /// <summary>Stops firing and waits for ticks already being delivered.</summary>
    public async Task StopAsync()
    {
        Task[] inFlight;
        lock (_gate)
        {
            _running = false;
            inFlight = _ticks.ToArray();
        }

        _scanTimer?.Dispose();
        _dueTimer?.Dispose();
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    /// <summary>Stops firing at once, without waiting (the silo is dying).</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _running = false;
        }

        _scanTimer?.Dispose();
        _dueTimer?.Dispose();
    }

    public async Task<IGrainReminder> RegisterAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!runtime.Registry.GetByTypeName(grainId.Type).IsRemindable)
        {
            throw new InvalidOperationException($"Grain {grainId} must implement IRemindable to register reminders.");
        }

        var partition = runtime.Partitions.GetPartition(grainId);
        var version = await table.UpsertAsync(grainId, name, dueAt, period, partition).ConfigureAwait(false);
        var row = new ReminderRow(grainId, name, dueAt, period, version);
        lock (_gate)
        {
            Hold(row);
        }

        return new GrainReminder(name, dueAt, period);
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        var version = await table.DeleteAsync(grainId, name).ConfigureAwait(false);
        lock (_gate)
        {
            if (version is long deleted)
            {
                var tombstone = new ReminderEntry(new ReminderRow(grainId, name, DateTimeOffset.MinValue, null, deleted), ReminderEntryState.Done);
                Replace(tombstone);
            }
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name)
    {
        var row = await table.GetAsync(grainId, name).ConfigureAwait(false);
        return row is null ? null : new GrainReminder(row.Name, row.DueAt, row.Period);
    }

    /// <summary>Scans the table now, waiting for a scan already running to finish first.</summary>
    internal async Task ScanNowAsync()
    {
        await _scanLock.WaitAsync().ConfigureAwait(false);
        _scanLock.Release();
        await ScanAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires what is due now and waits until no tick is being delivered (tests use this to move a fake clock
    /// from one due time to the next without sleeping).
    /// </summary>
    internal async Task WhenIdleAsync()
    {
        while (true)
        {
            FireDue();
            Task[] ticks;
            lock (_gate)
            {
                ticks = _ticks.ToArray();
            }

            if (ticks.Length == 0)
            {
                return;
            }

            await Task.WhenAll(ticks).ConfigureAwait(false);
        }
    }

    private async Task ScanSafelyAsync()
    {
        try
        {
            await ScanAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            runtime.Logger.LogError(error, "Reminder scan failed; the next scan retries");
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (!await _scanLock.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            long scan;
            lock (_gate)
            {
                scan = ++_scanSequence;
            }

            var horizon = Clock.GetUtcNow() + runtime.Options.ReminderWindow;
            var rows = await table.ScanDueAsync(runtime.Partitions.Owned, horizon, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var row in rows)
                {
                    if (!_entries.TryGetValue((row.GrainId, row.Name), out var known)
                        || row.Version > known.Row.Version
                        || (row.Version == known.Row.Version && known.State == ReminderEntryState.Parked))
                    {
                        Replace(new ReminderEntry(row, ReminderEntryState.Queued));
                    }
                }

                // Tombstones stamped before this scan began cannot be contradicted by any later scan.
                foreach (var stale in _entries.Values
                             .Where(e => e.State is ReminderEntryState.Done or ReminderEntryState.Parked && e.StampedInScan < scan)
                             .ToList())
                {
                    _entries.Remove(stale.Key);
                }
            }
        }
        finally
        {
            _scanLock.Release();
        }
    }

    /// <summary>Records a freshly written row: queued when due within the window, else parked. Caller holds the lock.</summary>
    private void Hold(ReminderRow row)
    {
        var withinWindow = row.DueAt <= Clock.GetUtcNow() + runtime.Options.ReminderWindow;
        Replace(new ReminderEntry(row, withinWindow ? ReminderEntryState.Queued : ReminderEntryState.Parked));
    }

    /// <summary>Makes <paramref name="entry"/> the current knowledge of its reminder. Caller holds the lock.</summary>
    private void Replace(ReminderEntry entry)
    {
        if (_entries.TryGetValue(entry.Key, out var known) && known.Row.Version > entry.Row.Version)
        {
            return;
        }

        entry.StampedInScan = _scanSequence;
        _entries[entry.Key] = entry;
        if (entry.State == ReminderEntryState.Queued)
        {
            Enqueue(entry, entry.Row.DueAt);
        }
    }

    private void Enqueue(ReminderEntry entry, DateTimeOffset at)
    {
        _queue.Enqueue(entry, at);
        Arm();
    }

    /// <summary>Points the timer at the earliest queued time. Caller holds the lock.</summary>
    private void Arm()
    {
        if (!_running || _dueTimer is null || !_queue.TryPeek(out _, out var earliest) || earliest == _armedFor)
        {
            return;
        }

        _armedFor = earliest;
        var delay = earliest - Clock.GetUtcNow();
        _dueTimer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void FireDue()
    {
        var due = new List<ReminderEntry>();
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }

            var now = Clock.GetUtcNow();
            _armedFor = DateTimeOffset.MaxValue;
            while (_queue.TryPeek(out var entry, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (entry.State == ReminderEntryState.Queued && _entries.TryGetValue(entry.Key, out var current) && current == entry)
                {
                    entry.State = ReminderEntryState.Firing;
                    due.Add(entry);
                }
            }

            foreach (var entry in due)
            {
                var tick = DeliverAsync(entry);
                _ticks.Add(tick);
                _ = tick.ContinueWith(t => Forget(t), TaskScheduler.Default);
            }

            Arm();
        }
    }

    private void Forget(Task tick)
    {
        lock (_gate)
        {
            _ticks.Remove(tick);
        }
    }

    private async Task DeliverAsync(ReminderEntry entry)
    {
        await _tickSlots.WaitAsync().ConfigureAwait(false);
        try
        {
            var row = entry.Row;
            var now = Clock.GetUtcNow();
            var missed = row.Period is { } period && now > row.DueAt ? (int)((now - row.DueAt).Ticks / period.Ticks) : 0;
            var status = new TickStatus(row.DueAt, now, row.Period, missed);
            await runtime.DeliverReminderAsync(row.GrainId, row.Name, status).ConfigureAwait(false);
            runtime.Metrics.ReminderFired(row.GrainId.Type, now - row.DueAt);
            await CompleteAsync(entry, now).ConfigureAwait(false);
            TickCompleted?.Invoke(row.GrainId, row.Name, status);
        }
        catch (Exception error)
        {
            Retry(entry, error);
        }
        finally
        {
            _tickSlots.Release();
        }
    }

    /// <summary>
    /// Deletes a one-shot reminder, or moves a periodic one to its first due time after <paramref name="firedAt"/>
    /// (the tick's time, not the clock after the tick: a slow tick does not shift the cadence).
    /// </summary>
    private async Task CompleteAsync(ReminderEntry entry, DateTimeOffset firedAt)
    {
        var row = entry.Row;
        if (row.Period is not { } period)
        {
            // A grain that registered or removed this reminder again during its tick already replaced the row:
            // the conditional delete would match nothing, so it is not sent (one round trip per sequence step).
            if (!IsSuperseded(entry))
            {
                await table.DeleteIfVersionAsync(row.GrainId, row.Name, row.Version).ConfigureAwait(false);
            }

            MarkDone(entry);
            return;
        }

        var periodsPassed = firedAt < row.DueAt ? 0 : ((firedAt - row.DueAt).Ticks / period.Ticks) + 1;
        var next = row.DueAt + TimeSpan.FromTicks(period.Ticks * Math.Max(1, periodsPassed));
        var version = await table.AdvanceIfVersionAsync(row.GrainId, row.Name, row.Version, next).ConfigureAwait(false);
        lock (_gate)
        {
            if (version is long advanced && _entries.TryGetValue(entry.Key, out var current) && current == entry)
            {
                Hold(row with { DueAt = next, Version = advanced });
                return;
            }
        }

        MarkDone(entry);
    }

    /// <summary>True when a newer version of the reminder (a registration or a removal) was written since this one.</summary>
    private bool IsSuperseded(ReminderEntry entry)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(entry.Key, out var current) && current.Row.Version > entry.Row.Version;
        }
    }

    private void MarkDone(ReminderEntry entry)
    {
        lock (_gate)
        {
            entry.State = ReminderEntryState.Done;
            entry.StampedInScan = _scanSequence;
        }
    }

    private void Retry(ReminderEntry entry, Exception error)
    {
        DateTimeOffset retryAt;
        lock (_gate)
        {
            entry.FailedAttempts++;
            var backoff = TimeSpan.FromTicks(Math.Min(
                runtime.Options.ReminderRetryMax.Ticks,
                runtime.Options.ReminderRetryBase.Ticks * (1L << Math.Min(entry.FailedAttempts - 1, 30))));
            runtime.Logger.LogWarning(error, "Reminder {Name} of {GrainId} failed (attempt {Attempt}); retrying in {Backoff}",
                entry.Row.Name, entry.Row.GrainId, entry.FailedAttempts, backoff);
            if (entry.State != ReminderEntryState.Firing || !_entries.TryGetValue(entry.Key, out var current) || current != entry)
            {
                return;
            }

            entry.State = ReminderEntryState.Queued;
            retryAt = Clock.GetUtcNow() + backoff;
            Enqueue(entry, retryAt);
        }

        TickFailed?.Invoke(entry.Row.GrainId, entry.Row.Name, retryAt);
    }
}
