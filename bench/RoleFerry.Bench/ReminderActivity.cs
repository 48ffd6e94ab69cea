using System.Collections.Concurrent;
using Orleans.Reminders.Diagnostics;

namespace RoleFerry.Bench;

/// <summary>
/// What Orleans' reminder service of the silos in this process did for the reminders of one grain type, from its
/// diagnostic events (<see cref="ReminderEvents"/>; other grains' reminders, e.g. the platform's maintenance
/// checks, are left out): when its initial load finished, which reminders it held in memory, each grain's
/// first tick (the wall clock when the service fired it, and the tick time it reported) and how many ticks fired,
/// completed or failed (by exception type). Events are raised synchronously by the service; recording them is a
/// dictionary update.
/// </summary>
public sealed class ReminderActivity : IDisposable
{
    private readonly GrainType _grainType;
    private readonly IDisposable _events;
    private readonly IDisposable _serviceEvents;
    private readonly ConcurrentDictionary<GrainId, FirstTick> _firstTicks = new();
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GrainId, DateTimeOffset> _firstLoaded = new();
    private long _fired;
    private long _completed;
    private long _failed;
    private long _loaded;
    private long _stoppedOutsideWindow;
    private long _serviceStartedTicks;

    /// <param name="grainType">The grain type whose reminders are recorded (its [GrainType] name).</param>
    public ReminderActivity(string grainType)
    {
        _grainType = GrainType.Create(grainType);
        _events = ReminderEvents.AllEvents.Subscribe(new Observer<ReminderEvents.ReminderEvent>(OnEvent));
        _serviceEvents = ReminderEvents.ServiceEvents.Subscribe(new Observer<ReminderEvents.ReminderServiceEvent>(OnServiceEvent));
    }

    /// <summary>When the reminder service finished its initial read of the table (wall clock); null before.</summary>
    public DateTimeOffset? ServiceStartedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _serviceStartedTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public long Fired => Interlocked.Read(ref _fired);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Reminders the service started holding in memory (a local timer each).</summary>
    public long Loaded => Interlocked.Read(ref _loaded);

    /// <summary>Local reminders dropped because their next tick left the loading window (they stay in the table).</summary>
    public long StoppedOutsideWindow => Interlocked.Read(ref _stoppedOutsideWindow);

    public IReadOnlyDictionary<GrainId, FirstTick> FirstTicks => _firstTicks;

    /// <summary>When the service first started holding each grain's reminder in memory (wall clock).</summary>
    public IReadOnlyDictionary<GrainId, DateTimeOffset> FirstLoaded => _firstLoaded;

    /// <summary>Failed ticks by exception type, most frequent first, e.g. "1,234 × TimeoutException".</summary>
    public string DescribeFailures() => _failures.IsEmpty
        ? "none"
        : string.Join(", ", _failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value:N0} × {f.Key}"));

    public void Dispose()
    {
        _events.Dispose();
        _serviceEvents.Dispose();
    }

    private void OnServiceEvent(ReminderEvents.ReminderServiceEvent value)
    {
        if (value is ReminderEvents.ReminderServiceStarted)
        {
            Interlocked.CompareExchange(ref _serviceStartedTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
        }
    }

    private void OnEvent(ReminderEvents.ReminderEvent value)
    {
        if (!value.GrainId.Type.Equals(_grainType))
        {
            return;
        }

        switch (value)
        {
            case ReminderEvents.TickFiring firing:
                Interlocked.Increment(ref _fired);
                _firstTicks.TryAdd(firing.GrainId, new FirstTick(DateTimeOffset.UtcNow, new DateTimeOffset(DateTime.SpecifyKind(firing.Status.CurrentTickTime, DateTimeKind.Utc)),
                    new DateTimeOffset(DateTime.SpecifyKind(firing.Status.FirstTickTime, DateTimeKind.Utc))));
                _firstTicks[firing.GrainId].AddFiring();
                break;
            case ReminderEvents.TickCompleted:
                Interlocked.Increment(ref _completed);
                break;
            case ReminderEvents.TickFailed failed:
                Interlocked.Increment(ref _failed);
                _failures.AddOrUpdate(Kind(failed.Exception), 1, (_, n) => n + 1);
                break;
            case ReminderEvents.LocalReminderStarted started:
                Interlocked.Increment(ref _loaded);
                _firstLoaded.TryAdd(started.GrainId, DateTimeOffset.UtcNow);
                break;
            case ReminderEvents.LocalReminderStopped { Reason: ReminderEvents.LocalReminderStopReason.OutsideLoadingWindow }:
                Interlocked.Increment(ref _stoppedOutsideWindow);
                break;
        }
    }

    /// <summary>The exception's type, and its inner exception's type when it wraps one ("OrleansException ← NpgsqlException").</summary>
    private static string Kind(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error.InnerException is { } inner ? $"{error.GetType().Name} ← {inner.GetType().Name}" : error.GetType().Name;
    }

    /// <summary>A grain's first tick: when the service fired it (wall clock), the tick time it reported, the reminder's first tick time.</summary>
    public sealed class FirstTick(DateTimeOffset firedAt, DateTimeOffset tickTime, DateTimeOffset firstTickTime)
    {
        private int _firings;

        public DateTimeOffset FiredAt { get; } = firedAt;

        public DateTimeOffset TickTime { get; } = tickTime;

        public DateTimeOffset FirstTickTime { get; } = firstTickTime;

        /// <summary>Ticks fired for this grain in all (1 when its first tick did the work).</summary>
        public int Firings => Volatile.Read(ref _firings);

        internal void AddFiring() => Interlocked.Increment(ref _firings);
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
