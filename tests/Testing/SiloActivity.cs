using Orleans.Reminders.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Diagnostics;

namespace RoleFerry.Testing;

/// <summary>
/// Follows Orleans' reminder and grain timer diagnostic events (<see cref="ReminderEvents"/>,
/// <see cref="GrainTimerEvents"/>) of the silos a test owns: which reminders each silo's reminder service holds,
/// whether each is armed (waiting for its next tick) or firing and when it last fired; which grain timers are due
/// and which are firing. <see cref="TestClock"/> uses it as its phase barrier.
/// </summary>
internal sealed class SiloActivity : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<(SiloAddress Silo, string GrainId, string Name), LocalReminder> _reminders = [];
    private readonly Dictionary<IGrainTimer, (SiloAddress Silo, LocalTimer Timer)> _timers = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SiloAddress> _silos = [];
    private readonly Dictionary<SiloAddress, int> _ticks = [];
    private readonly IDisposable _reminderEvents;
    private readonly IDisposable _timerEvents;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SiloActivity(TimeProvider clock)
    {
        _clock = clock;
        _reminderEvents = ReminderEvents.AllEvents.Subscribe(new ActionObserver<ReminderEvents.ReminderEvent>(OnReminderEvent));
        _timerEvents = GrainTimerEvents.AllEvents.Subscribe(new ActionObserver<GrainTimerEvents.TimerEvent>(OnTimerEvent));
    }

    /// <summary>Completes at the next event of a followed silo.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Starts following a silo (before it starts, so no event is missed).</summary>
    public void Follow(SiloAddress silo)
    {
        lock (_gate)
        {
            _silos.Add(silo);
        }
    }

    /// <summary>Stops following a silo that stopped or was killed, and forgets what it held.</summary>
    public void Forget(SiloAddress silo)
    {
        lock (_gate)
        {
            _silos.Remove(silo);
            foreach (var key in _reminders.Keys.Where(k => k.Silo.Equals(silo)).ToList())
            {
                _reminders.Remove(key);
            }

            foreach (var timer in _timers.Where(t => t.Value.Silo.Equals(silo)).Select(t => t.Key).ToList())
            {
                _timers.Remove(timer);
            }

            Signal();
        }
    }

    /// <summary>The reminders the followed silos hold now (copies of their state).</summary>
    public IReadOnlyList<LocalReminder> Reminders()
    {
        lock (_gate)
        {
            return _reminders.Values.Select(r => new LocalReminder(r.Silo, r.GrainId, r.Name, r.Identity)
            {
                ScheduleVersion = r.ScheduleVersion,
                Armed = r.Armed,
                Firing = r.Firing,
                LastFiredAt = r.LastFiredAt,
            }).ToList();
        }
    }

    /// <summary>The grain timers of the followed silos that fire again or are firing now (copies).</summary>
    public IReadOnlyList<LocalTimer> Timers()
    {
        lock (_gate)
        {
            return _timers.Values.Select(t => t.Timer).Where(t => t.Firing || t.DueAt is not null)
                .Select(t => new LocalTimer(t.Grain) { DueAt = t.DueAt, Period = t.Period, Firing = t.Firing })
                .ToList();
        }
    }

    /// <summary>How many reminder ticks a silo delivered (and its grain completed).</summary>
    public int TicksDelivered(SiloAddress silo)
    {
        lock (_gate)
        {
            return _ticks.GetValueOrDefault(silo);
        }
    }

    public void Dispose()
    {
        _reminderEvents.Dispose();
        _timerEvents.Dispose();
    }

    private void OnReminderEvent(ReminderEvents.ReminderEvent value)
    {
        if (value.SiloAddress is not { } silo)
        {
            return;
        }

        lock (_gate)
        {
            if (!_silos.Contains(silo))
            {
                return;
            }

            var key = (silo, value.GrainId.ToString(), value.ReminderName);
            _reminders.TryGetValue(key, out var reminder);
            switch (value)
            {
                case ReminderEvents.LocalReminderStarted started:
                    _reminders[key] = new LocalReminder(silo, key.Item2, value.ReminderName, started.Identity);
                    break;
                case ReminderEvents.LocalReminderScheduleChanged changed when reminder?.Identity == changed.Identity:
                    reminder.ScheduleVersion = Math.Max(reminder.ScheduleVersion, changed.ScheduleVersion);
                    reminder.Armed = false;
                    break;
                case ReminderEvents.LocalReminderTickWaitArmed armed when reminder?.Identity == armed.Identity:
                    if (armed.ScheduleVersion >= reminder.ScheduleVersion)
                    {
                        reminder.ScheduleVersion = armed.ScheduleVersion;
                        reminder.Armed = true;
                    }

                    break;
                case ReminderEvents.TickFiring when reminder is not null:
                    reminder.Firing = true;
                    reminder.Armed = false;
                    break;
                case ReminderEvents.TickCompleted completed when reminder is not null:
                    _ticks[silo] = _ticks.GetValueOrDefault(silo) + 1;
                    reminder.Firing = false;
                    reminder.LastFiredAt = Utc(completed.Status.CurrentTickTime);
                    break;
                case ReminderEvents.TickFailed failed when reminder is not null:
                    reminder.Firing = false;
                    reminder.LastFiredAt = Utc(failed.Status.CurrentTickTime);
                    break;
                case ReminderEvents.LocalReminderStopped stopped when reminder?.Identity == stopped.Identity:
                    _reminders.Remove(key);
                    break;
            }

            Signal();
        }
    }

    private void OnTimerEvent(GrainTimerEvents.TimerEvent value)
    {
        // System targets run their timers on Orleans' own clocks; only grains run on the test clock. The dashboard's
        // grains gather counters for its pages: they change nothing of RoleFerry's, so no phase waits for them.
        var grainType = value.GrainContext.GrainId.Type.ToString()!;
        if (value.GrainContext.Address.SiloAddress is not { } silo
            || grainType.StartsWith("sys.", StringComparison.Ordinal)
            || grainType.StartsWith("dashboard", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            if (!_silos.Contains(silo))
            {
                return;
            }

            var now = _clock.GetUtcNow();
            _timers.TryGetValue(value.Timer, out var entry);
            switch (value)
            {
                case GrainTimerEvents.Created created:
                    _timers[value.Timer] = (silo, new LocalTimer(value.GrainContext.GrainId.ToString())
                    {
                        DueAt = created.DueTime == Timeout.InfiniteTimeSpan ? null : now + created.DueTime,
                        Period = created.Period,
                    });
                    break;
                case GrainTimerEvents.TickStart when entry.Timer is { } timer:
                    timer.Firing = true;
                    break;
                case GrainTimerEvents.TickStop when entry.Timer is { } timer:
                    timer.Firing = false;
                    timer.DueAt = timer.Period == Timeout.InfiniteTimeSpan || timer.Period <= TimeSpan.Zero ? null : now + timer.Period;
                    break;
                case GrainTimerEvents.Disposed:
                    _timers.Remove(value.Timer);
                    break;
            }

            Signal();
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
