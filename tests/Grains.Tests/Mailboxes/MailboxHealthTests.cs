using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>Health from the last 7 days of reservations: bounces, spam reports, the 6-hourly check, warm-up promotion.</summary>
public sealed class MailboxHealthTests : MailboxTest
{
    [Fact]
    public async Task Bounces_drop_health_at_once_and_below_50_pause_the_mailbox()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox());
        var id = (await mailbox.GetAsync()).Id;
        var instances = await SequenceInstancesAsync(21);
        var sent = await ReserveAllAsync(mailbox, instances[..20]);

        await mailbox.Engine().RecordBounceAsync(sent[0]);
        await mailbox.Engine().RecordBounceAsync(sent[0]);   // the same bounce again: nothing changes
        await mailbox.Engine().RecordBounceAsync(sent[1]);
        var unhealthy = await mailbox.GetAsync();
        var refusedUnhealthy = await mailbox.Engine().TryReserveAsync(instances[20], 1);
        await mailbox.Engine().RecordBounceAsync(sent[2]);

        Assert.Equal((50, "active", false), (unhealthy.HealthScore, unhealthy.Status, unhealthy.Eligible));
        Assert.Equal(ReservationResult.Refuse("health 50 below 70", null), refusedUnhealthy);
        var paused = await mailbox.GetAsync();
        Assert.Equal((25, "paused", "health below 50"), (paused.HealthScore, paused.Status, paused.PausedReason));
        Assert.Equal(ReservationResult.Refuse("paused: health below 50", null), await mailbox.Engine().TryReserveAsync(instances[20], 1));
        Assert.Equal(new MailboxPick(null, null), await Pool(silo).Engine().PickAsync([]));
        Assert.Equal(
            [
                new HealthLogRow(75, 0.05m, 0, 20, 1, "active", $"bounce of reservation {sent[0]}", Nov(2, 9)),
                new HealthLogRow(50, 0.10m, 0, 20, 2, "active", $"bounce of reservation {sent[1]}", Nov(2, 9)),
                new HealthLogRow(25, 0.15m, 0, 20, 3, "paused", $"bounce of reservation {sent[2]}; paused: health below 50", Nov(2, 9)),
            ],
            await HealthLogsAsync(id));
        Assert.Equal(3, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE bounced_at = $1", Nov(2, 9)));
    }

    [Fact]
    public async Task Spam_reports_cost_20_points_each()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox());
        var id = (await mailbox.GetAsync()).Id;
        var sent = await ReserveAllAsync(mailbox, await SequenceInstancesAsync(10));

        await mailbox.Engine().RecordSpamAsync(sent[0]);
        await mailbox.Engine().RecordSpamAsync(sent[1]);
        await mailbox.Engine().RecordSpamAsync(sent[2]);

        Assert.Equal(
            [
                new HealthLogRow(80, 0m, 1, 10, 0, "active", $"spam report on reservation {sent[0]}", Nov(2, 9)),
                new HealthLogRow(60, 0m, 2, 10, 0, "active", $"spam report on reservation {sent[1]}", Nov(2, 9)),
                new HealthLogRow(40, 0m, 3, 10, 0, "paused", $"spam report on reservation {sent[2]}; paused: health below 50", Nov(2, 9)),
            ],
            await HealthLogsAsync(id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => mailbox.Engine().RecordSpamAsync(sent[9] + 1000));
    }

    [Fact]
    public async Task A_bounce_after_midnight_is_rated_against_seven_day_sends_not_sent_today()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox());
        var id = (await mailbox.GetAsync()).Id;
        var sent = await ReserveAllAsync(mailbox, await SequenceInstancesAsync(20));
        await Clock.AdvanceAsync(Nov(3, 0, 30) - Nov(2, 9));

        await mailbox.Engine().RecordBounceAsync(sent[0]);

        var snapshot = await mailbox.GetAsync();
        Assert.Equal((0, 75, "active", true), (snapshot.SentToday, snapshot.HealthScore, snapshot.Status, snapshot.Eligible));
        Assert.Equal(
            new HealthLogRow(75, 0.05m, 0, 20, 1, "active", $"bounce of reservation {sent[0]}", Nov(3, 0, 30)),
            (await HealthLogsAsync(id))[^1]);
    }

    [Fact]
    public async Task Health_is_recalculated_every_six_hours_and_a_paused_mailbox_stays_paused()
    {
        var silo = await StartSiloAsync();
        var id = (await Pool(silo).AddMailboxAsync(Mailbox())).Mailbox!.Id;
        // Last Tuesday's sends, half of them bounced (recorded elsewhere): the mailbox learns of them at its next check.
        await Seed.ExecuteAsync(
            """
            INSERT INTO mailbox_reservations (mailbox_id, day, reserved_at, sent_at, bounced_at)
            SELECT $1, DATE '2026-10-27', $2, $2, CASE WHEN g <= 5 THEN $2 END FROM generate_series(1, 10) AS g
            """, id, new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero));

        await Clock.AdvanceAsync(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        Assert.Empty(await HealthLogsAsync(id));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        var paused = await MailboxGrain(silo, id).GetAsync();
        Assert.Equal((0, "paused", "health below 50"), (paused.HealthScore, paused.Status, paused.PausedReason));

        // Tuesday 09:00: last Tuesday's rows leave the 7-day window. Health recovers; only an operator resumes.
        await Clock.AdvanceAsync(Nov(3, 9) - Nov(2, 15));
        Assert.Equal(
            [
                new HealthLogRow(0, 0.5m, 0, 10, 5, "paused", "scheduled health check; paused: health below 50", Nov(2, 15)),
                new HealthLogRow(0, 0.5m, 0, 10, 5, "paused", "scheduled health check", Nov(2, 21)),
                new HealthLogRow(0, 0.5m, 0, 10, 5, "paused", "scheduled health check", Nov(3, 3)),
                new HealthLogRow(100, 0m, 0, 0, 0, "paused", "scheduled health check", Nov(3, 9)),
            ],
            await HealthLogsAsync(id));
        var recovered = await MailboxGrain(silo, id).GetAsync();
        Assert.Equal((100, "paused"), (recovered.HealthScore, recovered.Status));
    }

    [Fact]
    public async Task Warmup_becomes_active_at_the_first_check_30_days_after_it_began()
    {
        var silo = await StartSiloAsync();
        var id = (await Pool(silo).AddMailboxAsync(Mailbox(dailyCap: 50, warmup: true))).Mailbox!.Id;

        await Clock.AdvanceAsync(TimeSpan.FromDays(30));

        var logs = await HealthLogsAsync(id);
        Assert.Equal(120, logs.Count);   // every 6 hours from Nov 2 15:00 to Dec 2 09:00
        Assert.Equal(new HealthLogRow(100, 0m, 0, 0, 0, "warmup", "scheduled health check", new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)), logs[^2]);
        Assert.Equal(
            new HealthLogRow(100, 0m, 0, 0, 0, "active", "scheduled health check; warm-up complete", new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)),
            logs[^1]);
        var snapshot = await MailboxGrain(silo, id).GetAsync();
        Assert.Equal(("active", 50, true), (snapshot.Status, snapshot.EffectiveCap, snapshot.Eligible));
    }

    [Fact]
    public async Task A_warmup_with_health_below_70_is_not_promoted()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 50, warmup: true));
        var id = (await mailbox.GetAsync()).Id;
        var sent = await ReserveAllAsync(mailbox, await SequenceInstancesAsync(10));
        await mailbox.Engine().RecordSpamAsync(sent[0]);
        await mailbox.Engine().RecordSpamAsync(sent[1]);   // 60: below 70, not paused
        await silo.StopAsync();
        // As if warm-up began exactly 30 days before the next check (old enough to end, not old enough for the bonus).
        await Seed.ExecuteAsync("UPDATE mailboxes SET warmup_started_at = $2 WHERE id = $1", id, Nov(2, 15) - TimeSpan.FromDays(30));
        var restarted = await StartSiloAsync();

        await Clock.AdvanceAsync(TimeSpan.FromHours(6));

        Assert.Equal(new HealthLogRow(60, 0m, 2, 10, 0, "warmup", "scheduled health check", Nov(2, 15)), (await HealthLogsAsync(id))[^1]);
    }
}
