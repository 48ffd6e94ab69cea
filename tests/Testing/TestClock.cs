using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace RoleFerry.Testing;

/// <summary>
/// The one driver of fake time in a RoleFerry test. Grains (their <see cref="TimeProvider"/>) and Orleans' reminder
/// service run on <see cref="Time"/>; membership, messaging and the rest of Orleans stay on real time. Only
/// <see cref="AdvanceAsync"/> moves the clock, in phases, each ended by a barrier on Orleans' reminder diagnostic
/// events: wait until every reminder of the test's silos is armed (none firing, none being rescheduled, each row
/// of the reminder table held by one silo, no grain timer due or firing); move to the next tick any of them waits
/// for (or the target); wait
/// until each reminder due by then has fired (or was rescheduled or removed meanwhile); repeat. So every tick fires
/// at its own time, and "nothing more happened" can be asserted after a call.
/// </summary>
public sealed class TestClock : IDisposable
{
    /// <summary>How long a phase may take before the test fails with what was not armed.</summary>
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Orleans waits this long for a tick that is due when its wait starts.</summary>
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromMilliseconds(1);

    private static readonly bool Trace = Environment.GetEnvironmentVariable("ROLEFERRY_TEST_CLOCK_TRACE") == "1";

    private readonly SiloActivity _activity;
    private ReminderTable? _table;
    private Func<bool> _busy = () => false;

    public TestClock(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        _activity = new SiloActivity(Time);
    }

    /// <summary>The fake clock. Read it freely; move it only through <see cref="AdvanceAsync"/> (or <see cref="Jump"/>).</summary>
    public FakeTimeProvider Time { get; }

    public DateTimeOffset UtcNow => Time.GetUtcNow();

    public DateTimeOffset GetUtcNow() => Time.GetUtcNow();

    /// <summary>
    /// The reminder table whose rows must all be held by a followed silo for time to move, and the work a tick may
    /// hand on outside reminders and timers (steps queued in the silos' send gates) that must be over too.
    /// </summary>
    public void Watch(ReminderTable table, Func<bool> busy)
    {
        _table = table;
        _busy = busy;
    }

    /// <summary>Follows a silo's reminder service (call before the silo starts).</summary>
    public void Follow(SiloAddress silo) => _activity.Follow(silo);

    /// <summary>A silo stopped or died: what it held is forgotten (the survivors load its reminders).</summary>
    public void Forget(SiloAddress silo) => _activity.Forget(silo);

    /// <summary>Which followed silos hold a grain's reminders and what each is doing, for a failure message.</summary>
    public string DescribeHeld(string grainId) =>
        string.Join("; ", _activity.Reminders().Where(r => r.GrainId == grainId).Select(r => r.ToString()).DefaultIfEmpty("none held"));

    /// <summary>How many reminder ticks <paramref name="silo"/> delivered to grains so far.</summary>
    public int TicksDeliveredBy(SiloAddress silo) => _activity.TicksDelivered(silo);

    /// <summary>
    /// Moves time without waiting for any reminder: only for while no silo runs (an outage), or to make a tick
    /// fire whose work never ends (a send stuck in SMTP).
    /// </summary>
    public void Jump(TimeSpan delta) => Time.Advance(delta);

    /// <summary>Moves time forward by <paramref name="delta"/>, stopping at every reminder tick on the way.</summary>
    public Task AdvanceAsync(TimeSpan delta) => AdvanceToAsync(UtcNow + delta);

    /// <summary>Moves time forward to <paramref name="target"/>, stopping at every reminder tick on the way.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        while (true)
        {
            var held = await SettleCoreAsync();
            var now = UtcNow;
            var wakes = held.Select(h => (Held: h, Wake: NextWake(h.Row, h.Local.LastFiredAt, now))).ToList();
            var next = wakes.Select(w => w.Wake)
                .Concat(_activity.Timers().Select(t => t.DueAt ?? DateTimeOffset.MaxValue))
                .DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (next > target)
            {
                if (now >= target)
                {
                    return;
                }

                next = target;
            }

            if (Trace)
            {
                Console.WriteLine($"[clock] {now:O} -> {next:O}; {string.Join("; ", wakes.Select(w => $"{w.Held.Local} wakes {w.Wake:O}"))}");
            }

            Time.Advance(next - now);
            await FiredAsync(wakes.Where(w => w.Wake <= next).Select(w => (w.Held.Local, w.Wake)).ToList());
        }
    }

    /// <summary>Waits until every reminder is armed and held: the work started by a call or a tick is done.</summary>
    public async Task SettleAsync() => await SettleCoreAsync();

    public void Dispose() => _activity.Dispose();

    /// <summary>
    /// Phase barrier: every reminder armed and held by exactly one followed silo, none firing; no grain timer
    /// firing or due; nothing else busy (<see cref="Watch"/>).
    /// </summary>
    private async Task<IReadOnlyList<(ReminderRow Row, LocalReminder Local)>> SettleCoreAsync()
    {
        var table = _table ?? throw new InvalidOperationException("TestClock.Watch was not called: no reminder table to settle on.");
        var deadline = DateTime.UtcNow + PhaseTimeout;
        while (true)
        {
            var changed = _activity.Changed;
            var local = _activity.Reminders();
            var timers = _activity.Timers().Where(t => t.Firing || t.DueAt <= UtcNow).ToList();
            var busy = _busy();
            IReadOnlyList<ReminderRow> rows = [];
            if (timers.Count == 0 && !busy && local.All(r => r.Armed && !r.Firing))
            {
                rows = await table.ReadAsync();
                var held = local.GroupBy(r => (r.GrainId, r.Name)).ToDictionary(g => g.Key, g => g.First());
                if (held.Count == local.Count && rows.Count == held.Count && rows.All(r => held.ContainsKey((r.GrainId, r.Name))))
                {
                    return rows.Select(r => (r, held[(r.GrainId, r.Name)])).ToList();
                }
            }

            ThrowIfLate(deadline, busy ? "settle (sends still in the send gates)" : "settle", local, rows, timers);
            // Events are the barrier; the short re-check covers table changes that raise none (a row written by
            // a registration still in flight).
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }
    }

    /// <summary>
    /// Phase barrier after a move: each reminder that was due by now has fired, unless its schedule changed or it
    /// went away meanwhile (a grain re-registered or unregistered it).
    /// </summary>
    private async Task FiredAsync(IReadOnlyList<(LocalReminder Before, DateTimeOffset Wake)> due)
    {
        var deadline = DateTime.UtcNow + PhaseTimeout;
        while (true)
        {
            var changed = _activity.Changed;
            var local = _activity.Reminders();
            var waiting = due.Where(d => local.Any(r =>
                    r.Silo.Equals(d.Before.Silo) && r.GrainId == d.Before.GrainId && r.Name == d.Before.Name
                    && ReferenceEquals(r.Identity, d.Before.Identity) && r.ScheduleVersion == d.Before.ScheduleVersion
                    && (r.Firing || !(r.LastFiredAt >= d.Wake))))
                .ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            ThrowIfLate(deadline, "fire", waiting.Select(w => w.Before).ToList(), [], []);
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }
    }

    private void ThrowIfLate(
        DateTime deadline, string phase, IReadOnlyList<LocalReminder> local, IReadOnlyList<ReminderRow> rows, IReadOnlyList<LocalTimer> timers)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException(
                $"The silos did not {phase} within {PhaseTimeout} at {UtcNow:O}. Reminders held: [{string.Join("; ", local)}]. " +
                $"Table: [{string.Join("; ", rows.Select(r => $"{r.GrainId}/{r.Name} from {r.StartAt:O} every {r.Period}"))}]. " +
                $"Timers busy: [{string.Join("; ", timers)}].");
        }
    }

    /// <summary>When the reminder service will deliver the row's next tick, given the tick it last delivered.</summary>
    private static DateTimeOffset NextWake(ReminderRow row, DateTimeOffset? lastFiredAt, DateTimeOffset now)
    {
        var tick = row.NextTickAt(now);
        if (lastFiredAt is { } fired && fired >= tick)
        {
            tick = row.NextTickAt(fired + MinimumDueTime);
        }

        return tick <= now ? now + MinimumDueTime : tick;
    }
}
