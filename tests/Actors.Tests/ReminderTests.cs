using RoleFerry.Actors.Tests.Grains;
using RoleFerry.Testing;

namespace RoleFerry.Actors.Tests;

public sealed class ReminderTests : RuntimeTest
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_one_shot_reminder_fires_once_at_its_due_time()
    {
        var silo = await StartSiloAsync();
        var start = Clock.GetUtcNow();
        var due = start + TimeSpan.FromSeconds(10);
        var completed = WaitForCompletion(silo, "once");
        await silo.Grains.GetGrain<IReminderTestGrain>("a").ScheduleOnce("once", due);

        Clock.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Equal(0, Probe.Count("tick"));
        Clock.Advance(TimeSpan.FromSeconds(0.001));

        var tick = await Probe.WaitFor("tick");
        Assert.Equal(due, tick.At);
        Assert.Equal(due, ((TickStatus)tick.Data!).DueTime);
        await completed;
        Assert.Equal(0, await CountRemindersAsync(silo));
        await AdvanceWithScansAsync(silo, until: Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        Assert.Equal(1, Probe.Count("tick"));
    }

    [Fact]
    public async Task A_one_shot_reminder_beyond_the_window_fires_on_time_after_scans()
    {
        var silo = await StartSiloAsync();
        var due = Clock.GetUtcNow() + TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(250);
        await silo.Grains.GetGrain<IReminderTestGrain>("a").ScheduleOnce("later", due);

        await AdvanceWithScansAsync(silo, until: due + TimeSpan.FromSeconds(5));

        var tick = await Probe.WaitFor("tick");
        Assert.Equal(due, tick.At);
    }

    [Fact]
    public async Task A_pending_one_shot_reminder_survives_a_restart()
    {
        var first = await StartSiloAsync();
        var due = Clock.GetUtcNow() + TimeSpan.FromHours(1);
        await first.Grains.GetGrain<IReminderTestGrain>("r").ScheduleOnce("step-2", due);
        await first.StopAsync();

        var second = await StartSiloAsync();
        await AdvanceWithScansAsync(second, until: due + TimeSpan.FromMinutes(1));

        var tick = await Probe.WaitFor("tick");
        Assert.Equal("step-2", tick.Detail);
        Assert.Equal(due, tick.At);
    }

    [Fact]
    public async Task A_reminder_that_fell_due_while_the_silo_was_down_fires_right_after_start()
    {
        var first = await StartSiloAsync();
        var due = Clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        await first.Grains.GetGrain<IReminderTestGrain>("d").ScheduleOnce("missed", due);
        first.Kill();
        Clock.Advance(TimeSpan.FromMinutes(20));

        await StartSiloAsync();

        var tick = await Probe.WaitFor("tick");
        var status = (TickStatus)tick.Data!;
        Assert.Equal(due, status.DueTime);
        Assert.Equal(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(30), status.Lateness);
    }

    [Fact]
    public async Task Periodic_reminders_keep_their_cadence()
    {
        var silo = await StartSiloAsync();
        var start = Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("p");
        await grain.SchedulePeriodic("beat", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45));

        for (var i = 0; i < 4; i++)
        {
            var completed = WaitForCompletion(silo, "beat");
            Clock.Advance(i == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(45));
            await completed;
        }

        var ticks = Probe.Events.Where(e => e.Kind == "tick").Select(e => e.At - start).ToList();
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(165)],
            ticks);
    }

    [Fact]
    public async Task A_periodic_reminder_skips_missed_periods_once_and_stays_on_its_cadence()
    {
        var first = await StartSiloAsync();
        var start = Clock.GetUtcNow();
        await first.Grains.GetGrain<IReminderTestGrain>("m").SchedulePeriodic("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await first.StopAsync();
        Clock.Advance(TimeSpan.FromMinutes(4.5));

        await StartSiloAsync();
        var tick = await Probe.WaitFor("tick");
        var status = (TickStatus)tick.Data!;
        Assert.Equal(start + TimeSpan.FromMinutes(1), status.DueTime);
        Assert.Equal(3, status.MissedTicks);

        Clock.Advance(TimeSpan.FromMinutes(0.5));
        var next = (TickStatus)(await Probe.WaitForCount("tick", 2)).Data!;
        Assert.Equal(start + TimeSpan.FromMinutes(5), next.DueTime);
        Assert.Equal(start + TimeSpan.FromMinutes(5), next.CurrentTickTime);
        Assert.Equal(0, next.MissedTicks);
    }

    [Fact]
    public async Task Moving_a_reminder_replaces_its_old_due_time()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("mv");
        var start = Clock.GetUtcNow();
        await grain.ScheduleOnce("step", start + TimeSpan.FromSeconds(10));
        await grain.ScheduleOnce("step", start + TimeSpan.FromSeconds(50));

        var completed = WaitForCompletion(silo, "step");
        Clock.Advance(TimeSpan.FromSeconds(60));
        await completed;

        Assert.Equal(start + TimeSpan.FromSeconds(50), Assert.Single(Probe.Events, e => e.Kind == "tick").At);
    }

    [Fact]
    public async Task An_unregistered_reminder_does_not_fire()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("u");
        var start = Clock.GetUtcNow();
        await grain.ScheduleOnce("gone", start + TimeSpan.FromSeconds(10));
        await grain.ScheduleOnce("kept", start + TimeSpan.FromSeconds(20));
        await grain.Cancel("gone");

        var completed = WaitForCompletion(silo, "kept");
        Clock.Advance(TimeSpan.FromSeconds(30));
        await completed;

        Assert.Equal("kept", Assert.Single(Probe.Events, e => e.Kind == "tick").Detail);
        Assert.Equal(0, await CountRemindersAsync(silo));
    }

    [Fact]
    public async Task A_failed_tick_is_retried_with_backoff_until_it_succeeds()
    {
        var silo = await StartSiloAsync(o => o.ReminderRetryBase = TimeSpan.FromSeconds(2));
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("f");
        await grain.FailNextTicks(2);
        var due = Clock.GetUtcNow() + TimeSpan.FromSeconds(5);
        await grain.ScheduleOnce("flaky", due);

        var firstRetry = WaitForRetry(silo, "flaky");
        Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(due + TimeSpan.FromSeconds(2), await firstRetry);
        var secondRetry = WaitForRetry(silo, "flaky");
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(due + TimeSpan.FromSeconds(6), await secondRetry);
        var completed = WaitForCompletion(silo, "flaky");
        Clock.Advance(TimeSpan.FromSeconds(4));
        await completed;

        Assert.Equal(due + TimeSpan.FromSeconds(6), (await Probe.WaitFor("tick")).At);
        Assert.Equal(0, await CountRemindersAsync(silo));
    }

    /// <summary>Moves the clock a minute at a time, letting each reminder scan finish before going on.</summary>
    private async Task AdvanceWithScansAsync(TestSilo silo, DateTimeOffset until)
    {
        while (Clock.GetUtcNow() < until)
        {
            var step = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, (until - Clock.GetUtcNow()).Ticks));
            Clock.Advance(step);
            await silo.Runtime.Reminders.ScanNowAsync();
        }
    }

    private static Task WaitForCompletion(TestSilo silo, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnCompleted(GrainId grain, string reminder, TickStatus status)
        {
            if (reminder == name)
            {
                silo.Runtime.Reminders.TickCompleted -= OnCompleted;
                done.TrySetResult();
            }
        }

        silo.Runtime.Reminders.TickCompleted += OnCompleted;
        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task<DateTimeOffset> WaitForRetry(TestSilo silo, string name)
    {
        var retry = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFailed(GrainId grain, string reminder, DateTimeOffset retryAt)
        {
            if (reminder == name)
            {
                silo.Runtime.Reminders.TickFailed -= OnFailed;
                retry.TrySetResult(retryAt);
            }
        }

        silo.Runtime.Reminders.TickFailed += OnFailed;
        return retry.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<long> CountRemindersAsync(TestSilo silo)
    {
        await using var command = silo.DataSource.CreateCommand("SELECT count(*) FROM grain_reminders");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
