using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>The platform pool: adding mailboxes, picking the least-loaded eligible one, listing, rebuilding.</summary>
public sealed class MailboxPoolTests : MailboxTest
{
    [Fact]
    public async Task Adding_a_mailbox_stores_it_in_warmup_or_active()
    {
        var silo = await StartSiloAsync();

        var warm = (await Pool(silo).AddMailboxAsync(Mailbox(email: "Warm@Mail.RoleFerry.test", dailyCap: 40, warmup: true, minGapSeconds: 90))).Mailbox;
        var hot = (await Pool(silo).AddMailboxAsync(Mailbox(email: "hot@mail.roleferry.test", dailyCap: 40) with { Domain = " Mail.RoleFerry.TEST " })).Mailbox!;

        Assert.Equal(
            new MailboxSnapshot(warm!.Id, "Warm@Mail.RoleFerry.test", "mail.roleferry.test", "warmup", 100, 40, 10, 0, 90, true, Nov(2, 9), null,
                null, "smtp.roleferry.test", 587, "Warm@Mail.RoleFerry.test", true, true, Nov(2, 9)),
            warm);
        Assert.Equal(("active", 40, (DateTimeOffset?)null, "mail.roleferry.test"), (hot.Status, hot.EffectiveCap, hot.WarmupStartedAt, hot.Domain));
        Assert.Equal(1, await Seed.ScalarAsync("SELECT count(*) FROM domains"));
    }

    [Theory]
    [InlineData("not-an-email", 10, 587, 0, "Email")]
    [InlineData("two@@mail.roleferry.test", 10, 587, 0, "Email")]
    [InlineData("ok@mail.roleferry.test", 0, 587, 0, "DailyCap")]
    [InlineData("ok@mail.roleferry.test", 10, 0, 0, "SmtpPort")]
    [InlineData("ok@mail.roleferry.test", 10, 65536, 0, "SmtpPort")]
    [InlineData("ok@mail.roleferry.test", 10, 587, -1, "MinGapSeconds")]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_stored(string email, int cap, int port, int gap, string field)
    {
        var silo = await StartSiloAsync();

        var refused = await Pool(silo).AddMailboxAsync(Mailbox(email: email, dailyCap: cap, minGapSeconds: gap) with { SmtpPort = port });

        Assert.Equal((null, field, false), (refused.Mailbox, refused.Field, refused.Duplicate));
        Assert.False(string.IsNullOrWhiteSpace(refused.Error));
        Assert.Equal(0, await Seed.ScalarAsync("SELECT count(*) FROM mailboxes"));
        Assert.Equal(0, await Seed.ScalarAsync("SELECT count(*) FROM domains"));
    }

    [Fact]
    public async Task A_second_mailbox_with_the_same_email_is_refused()
    {
        var silo = await StartSiloAsync();
        await Pool(silo).AddMailboxAsync(Mailbox(email: "ada@mail.roleferry.test"));

        var refused = await Pool(silo).AddMailboxAsync(Mailbox(email: "ADA@mail.roleferry.test"));

        Assert.Equal(
            AddMailboxResult.AlreadyExists("Email", "A mailbox with the email 'ADA@mail.roleferry.test' already exists."),
            refused);
        Assert.Equal(1, await Seed.ScalarAsync("SELECT count(*) FROM mailboxes"));
    }

    [Fact]
    public async Task The_pool_picks_the_least_loaded_eligible_mailbox_and_skips_excluded_ones()
    {
        var silo = await StartSiloAsync();
        var a = await AddAsync(silo, Mailbox(email: "a@mail.roleferry.test", dailyCap: 10));
        var b = await AddAsync(silo, Mailbox(email: "b@mail.roleferry.test", dailyCap: 20));
        var c = await AddAsync(silo, Mailbox(email: "c@mail.roleferry.test", dailyCap: 10));
        var d = await AddAsync(silo, Mailbox(email: "d@mail.roleferry.test", dailyCap: 100));
        var (idA, idB, idC, idD) = ((await a.GetAsync()).Id, (await b.GetAsync()).Id, (await c.GetAsync()).Id, (await d.GetAsync()).Id);
        var instances = await SequenceInstancesAsync(5);
        await ReserveAllAsync(a, instances[..2]);    // 2 / 10
        await ReserveAllAsync(b, instances[2..4]);   // 2 / 20
        await ReserveAllAsync(c, instances[4..5]);   // 1 / 10
        await d.PauseAsync("bad reputation");        // 0 sends, not eligible

        Assert.Equal(new MailboxPick(idC, null), await Pool(silo).Engine().PickAsync([]));
        Assert.Equal(new MailboxPick(idB, null), await Pool(silo).Engine().PickAsync([idC]));
        Assert.Equal(new MailboxPick(idA, null), await Pool(silo).Engine().PickAsync([idB, idC]));
        Assert.Equal(new MailboxPick(null, null), await Pool(silo).Engine().PickAsync([idA, idB, idC]));
        await d.ResumeAsync();
        Assert.Equal(new MailboxPick(idD, null), await Pool(silo).Engine().PickAsync([]));
    }

    [Fact]
    public async Task With_none_eligible_the_pool_answers_when_one_may_be()
    {
        var silo = await StartSiloAsync();
        var capped = await AddAsync(silo, Mailbox(email: "capped@mail.roleferry.test", dailyCap: 1));
        var gapped = await AddAsync(silo, Mailbox(email: "gapped@mail.roleferry.test", dailyCap: 10, minGapSeconds: 300));
        var (cappedId, gappedId) = ((await capped.GetAsync()).Id, (await gapped.GetAsync()).Id);
        var instances = await SequenceInstancesAsync(2);
        await ReserveAllAsync(capped, instances[..1]);
        await ReserveAllAsync(gapped, instances[1..]);

        Assert.Equal(new MailboxPick(null, Nov(2, 9, 5)), await Pool(silo).Engine().PickAsync([]));
        Assert.Equal(new MailboxPick(null, Nov(3, 0)), await Pool(silo).Engine().PickAsync([gappedId]));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(new MailboxPick(gappedId, null), await Pool(silo).Engine().PickAsync([]));
        await Clock.AdvanceAsync(Nov(3, 0) - Nov(2, 9, 5) - TimeSpan.FromSeconds(1));
        // The health checks' reports reached the pool before this call; now cross midnight.
        Assert.Equal(new MailboxPick(gappedId, null), await Pool(silo).Engine().PickAsync([]));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(new MailboxPick(cappedId, null), await Pool(silo).Engine().PickAsync([]));   // both at 0 today: lower id
    }

    [Fact]
    public async Task The_pool_lists_every_mailbox_by_id_and_rebuilds_its_index_after_a_restart()
    {
        var first = await StartSiloAsync();
        var ids = new List<long>();
        foreach (var name in new[] { "x", "y", "z" })
        {
            ids.Add((await Pool(first).AddMailboxAsync(Mailbox(email: $"{name}@mail.roleferry.test", dailyCap: 10))).Mailbox!.Id);
        }

        var instances = await SequenceInstancesAsync(3);
        await ReserveAllAsync(MailboxGrain(first, ids[0]), instances[..2]);
        await ReserveAllAsync(MailboxGrain(first, ids[2]), instances[2..]);
        await first.KillAsync();

        var second = await StartSiloAsync();
        var listed = await Pool(second).ListAsync();

        Assert.Equal(ids, listed.Select(s => s.Id));
        Assert.Equal([2, 0, 1], listed.Select(s => s.SentToday));
        Assert.Equal(new MailboxPick(ids[1], null), await Pool(second).Engine().PickAsync([]));
        Assert.Equal(new MailboxPick(ids[2], null), await Pool(second).Engine().PickAsync([ids[1]]));
    }

    [Fact]
    public async Task Mailboxes_reporting_while_the_pool_activates_and_lists_do_not_deadlock()
    {
        var first = await StartSiloAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Pool(first).AddMailboxAsync(Mailbox(email: $"m{i}@mail.roleferry.test", dailyCap: 20))).Mailbox!.Id);
        }

        await first.StopAsync();
        var instances = await SequenceInstancesAsync(50);
        var second = await StartSiloAsync();

        // The pool activates (asking every mailbox) while every mailbox reserves and reports to it.
        var reservations = instances.Select((instance, i) => MailboxGrain(second, ids[i % 5]).Engine().TryReserveAsync(instance, 1)).ToList();
        var pick = Pool(second).Engine().PickAsync([]);
        var list = Pool(second).ListAsync();
        await Task.WhenAll(reservations.Cast<Task>().Append(pick).Append(list)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(50, reservations.Count(r => r.Result.Granted));
        Assert.Equal([10, 10, 10, 10, 10], (await Pool(second).ListAsync()).Select(s => s.SentToday));
        Assert.Equal(new MailboxPick(ids[0], null), await Pool(second).Engine().PickAsync([]));
    }
}
