using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>Daily cap, warm-up ramp, minimum gap and release: invariant 2 (never above the cap, across restarts).</summary>
public sealed class MailboxCapTests : MailboxTest
{
    [Fact]
    public async Task A_reached_cap_refuses_until_midnight_utc_then_grants_again()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 2));
        var instances = await SequenceInstancesAsync(4);
        await ReserveAllAsync(mailbox, instances[..2]);

        var third = await mailbox.Engine().TryReserveAsync(instances[2], 1);

        Assert.Equal(ReservationResult.Refuse("daily cap of 2 reached", Nov(3, 0)), third);
        await Clock.AdvanceAsync(Nov(3, 0) - Nov(2, 9) - TimeSpan.FromSeconds(1));
        Assert.False((await mailbox.Engine().TryReserveAsync(instances[2], 1)).Granted);
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.True((await mailbox.Engine().TryReserveAsync(instances[2], 1)).Granted);
        var snapshot = await mailbox.GetAsync();
        Assert.Equal((1, 2, true), (snapshot.SentToday, snapshot.EffectiveCap, snapshot.Eligible));
        Assert.Equal(1, await Seed.ScalarAsync("SELECT sent_today FROM mailboxes WHERE id = $1 AND sent_day = DATE '2026-11-03'", snapshot.Id));
    }

    [Fact]
    public async Task The_warmup_cap_ramps_from_10_to_15_after_a_day()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 50, warmup: true));
        var instances = await SequenceInstancesAsync(27);

        await ReserveAllAsync(mailbox, instances[..10]);
        Assert.Equal(ReservationResult.Refuse("daily cap of 10 reached", Nov(3, 0)), await mailbox.Engine().TryReserveAsync(instances[10], 1));

        await Clock.AdvanceAsync(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        var before = await mailbox.GetAsync();
        Assert.Equal(("warmup", 10, 0), (before.Status, before.EffectiveCap, before.SentToday));
        await ReserveAllAsync(mailbox, instances[10..20]);
        Assert.Equal(ReservationResult.Refuse("daily cap of 10 reached", Nov(3, 9)), await mailbox.Engine().TryReserveAsync(instances[20], 1));

        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(15, (await mailbox.GetAsync()).EffectiveCap);
        await ReserveAllAsync(mailbox, instances[20..25]);
        Assert.Equal(ReservationResult.Refuse("daily cap of 15 reached", Nov(4, 0)), await mailbox.Engine().TryReserveAsync(instances[25], 1));
    }

    [Fact]
    public async Task The_minimum_gap_refuses_then_grants_once_it_elapsed()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(minGapSeconds: 120));
        var instances = await SequenceInstancesAsync(2);
        await ReserveAllAsync(mailbox, instances[..1]);

        Assert.Equal(
            ReservationResult.Refuse("minimum gap since the last send not elapsed", Nov(2, 9, 2)),
            await mailbox.Engine().TryReserveAsync(instances[1], 1));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(119));
        Assert.False((await mailbox.Engine().TryReserveAsync(instances[1], 1)).Granted);
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.True((await mailbox.Engine().TryReserveAsync(instances[1], 1)).Granted);
    }

    [Fact]
    public async Task Gap_jitter_adds_a_seeded_random_extra_gap()
    {
        Settings["RoleFerry:Mailboxes:GapJitterSeconds"] = "30";
        Settings["RoleFerry:Mailboxes:GapJitterSeed"] = "42";
        var expected = TimeSpan.FromSeconds(new Random(42).Next(0, 31));
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(minGapSeconds: 120));
        var instances = await SequenceInstancesAsync(2);
        await ReserveAllAsync(mailbox, instances[..1]);

        var refused = await mailbox.Engine().TryReserveAsync(instances[1], 1);

        Assert.Equal(Nov(2, 9, 2) + expected, refused.RetryAt);
    }

    [Fact]
    public async Task Releasing_a_reservation_gives_its_slot_back()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 1));
        var instances = await SequenceInstancesAsync(2);
        var reserved = (await ReserveAllAsync(mailbox, instances[..1]))[0];
        Assert.False((await mailbox.Engine().TryReserveAsync(instances[1], 1)).Granted);

        await mailbox.Engine().ReleaseAsync(reserved);
        await mailbox.Engine().ReleaseAsync(reserved);   // a repeated release changes nothing

        Assert.Equal(0, (await mailbox.GetAsync()).SentToday);
        Assert.Equal(1, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND released AND released_at = $2", reserved, Nov(2, 9)));
        var again = await mailbox.Engine().TryReserveAsync(instances[0], 1);   // the released step may be reserved anew
        Assert.True(again.Granted);
        Assert.NotEqual(reserved, again.ReservationId);
        Assert.False((await mailbox.Engine().TryReserveAsync(instances[1], 1)).Granted);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => mailbox.Engine().ReleaseAsync(again.ReservationId + 1000));
    }

    [Fact]
    public async Task Releasing_yesterdays_reservation_does_not_free_a_slot_today()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 1));
        var instances = await SequenceInstancesAsync(3);
        var yesterdays = (await ReserveAllAsync(mailbox, instances[..1]))[0];
        await Clock.AdvanceAsync(TimeSpan.FromDays(1));
        await ReserveAllAsync(mailbox, instances[1..2]);

        await mailbox.Engine().ReleaseAsync(yesterdays);

        Assert.Equal(1, (await mailbox.GetAsync()).SentToday);
        Assert.False((await mailbox.Engine().TryReserveAsync(instances[2], 1)).Granted);
    }

    [Fact]
    public async Task Fifty_concurrent_reservations_on_a_cap_of_20_grant_exactly_20()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 20));
        var instances = await SequenceInstancesAsync(50);

        var results = await Task.WhenAll(instances.Select(id => mailbox.Engine().TryReserveAsync(id, 1)));

        var granted = results.Where(r => r.Granted).ToList();
        Assert.Equal(20, granted.Count);
        Assert.Equal(20, granted.Select(r => r.ReservationId).Distinct().Count());
        Assert.All(results.Where(r => !r.Granted), r => Assert.Equal(ReservationResult.Refuse("daily cap of 20 reached", Nov(3, 0)), r));
        Assert.Equal(20, await LiveReservationsAsync((await mailbox.GetAsync()).Id));
        Assert.Equal(20, await Seed.ScalarAsync("SELECT sent_today FROM mailboxes"));
    }

    [Fact]
    public async Task The_cap_holds_across_a_crash_because_sent_today_is_recounted_from_reservations()
    {
        var first = await StartSiloAsync();
        var id = (await Pool(first).AddMailboxAsync(Mailbox(dailyCap: 3))).Mailbox!.Id;
        var instances = await SequenceInstancesAsync(4);
        await ReserveAllAsync(MailboxGrain(first, id), instances[..2]);
        await first.KillAsync();
        // Even a counter that lost its value cannot lose the persisted reservations.
        await Seed.ExecuteAsync("UPDATE mailboxes SET sent_today = 0 WHERE id = $1", id);

        var second = await StartSiloAsync();
        var mailbox = MailboxGrain(second, id);

        Assert.Equal(2, (await mailbox.GetAsync()).SentToday);
        Assert.True((await mailbox.Engine().TryReserveAsync(instances[2], 1)).Granted);
        Assert.Equal(ReservationResult.Refuse("daily cap of 3 reached", Nov(3, 0)), await mailbox.Engine().TryReserveAsync(instances[3], 1));
        Assert.Equal(3, await LiveReservationsAsync(id));
    }

    [Fact]
    public async Task A_write_over_a_row_changed_elsewhere_commits_no_reservation_and_the_next_call_reloads()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 2));
        var id = (await mailbox.GetAsync()).Id;
        var instances = await SequenceInstancesAsync(3);
        await ReserveAllAsync(mailbox, instances[..1]);
        // Another writer (say, an activation of this mailbox on a silo that has not yet learned of a failover) reserved
        // and wrote the row meanwhile.
        await Seed.ExecuteAsync(
            "INSERT INTO mailbox_reservations (mailbox_id, day, reserved_at) VALUES ($1, DATE '2026-11-02', $2)", id, Nov(2, 9));
        await Seed.ExecuteAsync("UPDATE mailboxes SET sent_today = 2, version = version + 1 WHERE id = $1", id);

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => mailbox.Engine().TryReserveAsync(instances[1], 1));

        Assert.Equal(2, await LiveReservationsAsync(id));
        Assert.Equal(ReservationResult.Refuse("daily cap of 2 reached", Nov(3, 0)), await mailbox.Engine().TryReserveAsync(instances[2], 1));
        Assert.Equal(2, (await mailbox.GetAsync()).SentToday);
    }

    [Fact]
    public async Task Reserving_the_same_step_again_returns_the_same_reservation()
    {
        var silo = await StartSiloAsync();
        var first = await AddAsync(silo, Mailbox(email: "one@mail.roleferry.test", dailyCap: 1));
        var other = await AddAsync(silo, Mailbox(email: "two@mail.roleferry.test", dailyCap: 5));
        var firstId = (await first.GetAsync()).Id;
        var instance = (await SequenceInstancesAsync(1))[0];

        var granted = await first.Engine().TryReserveAsync(instance, 2);
        var repeated = await first.Engine().TryReserveAsync(instance, 2);   // at the cap now, yet the same step keeps its grant
        var elsewhere = await other.Engine().TryReserveAsync(instance, 2);

        Assert.True(granted.Granted);
        Assert.Equal(ReservationResult.Grant(granted.ReservationId), repeated);
        Assert.Equal(ReservationResult.Refuse($"step 2 of sequence instance {instance} is already reserved on mailbox {firstId}", null), elsewhere);
        Assert.Equal(1, (await first.GetAsync()).SentToday);
        Assert.Equal(0, (await other.GetAsync()).SentToday);
        Assert.Equal(1, await LiveReservationsAsync(firstId));
    }

    [Fact]
    public async Task An_unsent_reservation_of_an_earlier_day_moves_to_today_when_its_step_asks_again()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 1));
        var id = (await mailbox.GetAsync()).Id;
        var instances = await SequenceInstancesAsync(2);
        var abandoned = (await ReserveAllAsync(mailbox, instances[..1]))[0];
        await Clock.AdvanceAsync(TimeSpan.FromDays(1));

        var moved = await mailbox.Engine().TryReserveAsync(instances[0], 1);
        var atCap = await mailbox.Engine().TryReserveAsync(instances[1], 1);

        Assert.True(moved.Granted);
        Assert.NotEqual(abandoned, moved.ReservationId);
        Assert.Equal(ReservationResult.Refuse("daily cap of 1 reached", Nov(4, 0)), atCap);
        Assert.Equal(1, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND released AND released_at = $2", abandoned, Nov(3, 9)));
        Assert.Equal(1, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND NOT released AND day = DATE '2026-11-03'", moved.ReservationId));
        Assert.Equal(1, (await mailbox.GetAsync()).SentToday);
        Assert.Equal(1, await LiveReservationsAsync(id));
    }

    [Fact]
    public async Task An_unsent_reservation_of_an_earlier_day_on_another_mailbox_moves_to_the_mailbox_its_step_asks_today()
    {
        var silo = await StartSiloAsync();
        var first = await AddAsync(silo, Mailbox(email: "one@mail.roleferry.test", dailyCap: 1));
        var other = await AddAsync(silo, Mailbox(email: "two@mail.roleferry.test", dailyCap: 5));
        var firstId = (await first.GetAsync()).Id;
        var otherId = (await other.GetAsync()).Id;
        var instance = (await SequenceInstancesAsync(1))[0];
        // Reserved, then its turn died before the claim (its mailbox's silo crashed): nothing releases it.
        var abandoned = (await ReserveAllAsync(first, [instance]))[0];
        var sameDay = await other.Engine().TryReserveAsync(instance, 1);
        await Clock.AdvanceAsync(TimeSpan.FromDays(1));

        var moved = await other.Engine().TryReserveAsync(instance, 1);

        Assert.Equal(ReservationResult.Refuse($"step 1 of sequence instance {instance} is already reserved on mailbox {firstId}", null), sameDay);
        Assert.True(moved.Granted);
        Assert.Equal(1, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND released AND released_at = $2", abandoned, Nov(3, 9)));
        Assert.Equal(1, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 AND NOT released AND day = DATE '2026-11-03'",
            moved.ReservationId, otherId));
        Assert.Equal(1, (await other.GetAsync()).SentToday);
        Assert.Equal(0, await LiveReservationsAsync(firstId));
    }

    [Fact]
    public async Task A_sent_reservation_of_an_earlier_day_is_returned_as_it_is()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 1));
        var instance = (await SequenceInstancesAsync(1))[0];
        var sent = (await ReserveAllAsync(mailbox, [instance]))[0];
        await Seed.ExecuteAsync("UPDATE mailbox_reservations SET sent_at = $2 WHERE id = $1", sent, Nov(2, 9));
        await Clock.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(ReservationResult.Grant(sent), await mailbox.Engine().TryReserveAsync(instance, 1));
        Assert.Equal(0, (await mailbox.GetAsync()).SentToday);
        Assert.Equal(1, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND sent_at = $2", sent, Nov(2, 9)));
    }

    [Fact]
    public async Task A_reservation_for_an_unknown_sequence_instance_is_bad_input_and_changes_nothing()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox());

        await Assert.ThrowsAsync<ArgumentException>(() => mailbox.Engine().TryReserveAsync(999_999, 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => mailbox.Engine().TryReserveAsync(1, 0));

        var snapshot = await mailbox.GetAsync();
        Assert.Equal((0, (DateTimeOffset?)null), (snapshot.SentToday, snapshot.LastSentAt));
        Assert.Equal(0, await LiveReservationsAsync(snapshot.Id));
    }
}
