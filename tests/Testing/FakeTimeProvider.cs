namespace RoleFerry.Testing;

/// <summary>
/// A clock that moves only when told (<see cref="Advance"/>). Timers due by the new time fire on the calling
/// thread, in due order; a timer changed to fire now fires on the thread pool.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<(DateTimeOffset DueAt, int Count, TaskCompletionSource Waiter)> _timerWaiters = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward and fires every timer that falls due on the way, each at its own time.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }

                next.Advanced();
            }

            next.Fire();
        }
    }

    /// <summary>
    /// Completes once <paramref name="count"/> timers are set to fire at <paramref name="dueAt"/>: lets a test
    /// know that the work it started has reached its waits before it moves the clock.
    /// </summary>
    public Task WaitForTimersAsync(DateTimeOffset dueAt, int count)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _timerWaiters.Add((dueAt, count, waiter));
            CheckTimerWaiters();
        }

        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Caller holds the lock.</summary>
    private void CheckTimerWaiters()
    {
        foreach (var w in _timerWaiters.Where(w => _timers.Count(t => t.DueAt == w.DueAt) >= w.Count).ToList())
        {
            _timerWaiters.Remove(w);
            w.Waiter.TrySetResult();
        }
    }

    /// <summary>Moves the clock to <paramref name="time"/> (forward only).</summary>
    public void SetUtcNow(DateTimeOffset time) => Advance(time - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fireNow = false;
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = clock._now + dueTime;
                if (dueTime <= TimeSpan.Zero)
                {
                    fireNow = true;
                    Advanced();
                }
                else
                {
                    clock._timers.Add(this);
                    clock.CheckTimerWaiters();
                }
            }

            if (fireNow)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => Fire(), null);
            }

            return true;
        }

        /// <summary>Re-arms a periodic timer or removes a one-shot one. Caller holds the clock's lock.</summary>
        public void Advanced()
        {
            clock._timers.Remove(this);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                DueAt += _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = Timeout.InfiniteTimeSpan;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
