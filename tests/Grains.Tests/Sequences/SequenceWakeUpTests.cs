using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// The schedule lives in the row and the reminder only wakes the grain (DESIGN §1): what a wake-up may and may not
/// do, and what happens to the reminder when nothing is left to send.
/// </summary>
public sealed class SequenceWakeUpTests : OutreachTest
{
    [Fact]
    public async Task A_wake_up_before_the_step_is_due_sends_nothing_and_the_step_leaves_at_its_due_time()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (48, "Two", "2")));
        var due = Clock.GetUtcNow() + TimeSpan.FromHours(48);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        // A redelivered or retried tick (Orleans delivers at least once; a timed-out tick is retried a period later).
        var remindable = Silo.Grains.GetGrain<ISequenceGrain>(view.Id).AsReference<IRemindable>();
        await remindable.ReceiveReminder(SequenceGrain.WakeUpReminder, new TickStatus(Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(1), Clock.GetUtcNow().UtcDateTime));
        await Clock.AdvanceToAsync(due - TimeSpan.FromSeconds(1));

        Assert.Single(SmtpSink.MessagesTo(email));
        Assert.Equal(["sent", "scheduled"], (await Sequence(view.Id).GetAsync()).Steps.Select(s => s.Status));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        Assert.Equal(due, (await Sequence(view.Id).GetAsync()).Steps[1].SentAt);
    }

    [Fact]
    public async Task A_step_that_fell_due_while_no_silo_ran_is_sent_once_within_one_period_of_the_restart()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (48, "Two", "2")));
        var due = Clock.GetUtcNow() + TimeSpan.FromHours(48);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        await Silo.StopAsync();
        Clock.Jump(due + TimeSpan.FromHours(2) + TimeSpan.FromSeconds(20) - Clock.GetUtcNow());
        var back = Clock.GetUtcNow();
        Silo = await StartSiloAsync();
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));

        var messages = await SmtpSink.WaitForAsync(email, 2);
        Assert.Equal(["One", "Two"], messages.Select(m => m.Header("Subject")));
        var sentAt = (await Sequence(view.Id).GetAsync()).Steps[1].SentAt!.Value;
        Assert.InRange(sentAt - back, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        await Clock.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(2, SmtpSink.MessagesTo(email).Count);
    }

    [Fact]
    public async Task No_wake_up_is_left_once_a_sequence_completes_stops_or_is_canceled()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2"));
        var completed = await EnrollAsync((await AddContactAsync()).Id, template);
        var canceled = await EnrollAsync((await AddContactAsync()).Id, template);
        var failed = await EnrollAsync((await AddContactAsync(prefix: "fail5")).Id, template);
        var live = await EnrollAsync((await AddContactAsync()).Id, await AnyTimeTemplateAsync((0, "One", "1"), (72, "Two", "2")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        await Sequence(canceled.Id).StopAsync(SequenceStatuses.Canceled, "the user canceled it");
        await Clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(SequenceStatuses.Completed, (await Sequence(completed.Id).GetAsync()).Status);
        Assert.Equal(SequenceStatuses.Failed, (await Sequence(failed.Id).GetAsync()).Status);
        Assert.Equal(0L, await WakeUpsAsync(completed.Id, canceled.Id, failed.Id));
        Assert.Equal(1L, await WakeUpsAsync(live.Id));
    }

    [Fact]
    public async Task Opting_a_contact_out_does_not_wait_for_its_sequence_busy_sending()
    {
        var stuck = new StuckTransport();
        await Silo.StopAsync();
        Silo = await StartSiloAsync(services: s => s.AddSingleton<IMailTransport>(stuck));
        await AddMailboxAsync();
        var (contact, _) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));
        await stuck.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // The sequence's turn is in SMTP; before the fix the user grain awaited it (a call cycle when the sequence
        // waits on the user grain), so the opt-out hung until the call timed out.
        var optedOut = await User.OptOutContactAsync(contact).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(optedOut);
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM contacts WHERE id = $1 AND opted_out", contact));
        stuck.Release(SendOutcome.Success("accepted"));
        var stopped = await WaitForStatusAsync(view.Id, SequenceStatuses.StoppedOptOut);
        Assert.Equal(["sent", "canceled"], stopped.Steps.Select(s => s.Status));
    }

    [Fact]
    public async Task A_send_smtp_deferred_gives_its_quota_back_and_a_reactivated_user_counts_the_same()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(prefix: "tempfail");
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        Assert.Equal(1, (await User.GetQuotaAsync()).SentToday);
        await Cluster.DeactivateAsync(User);
        Assert.Equal(1, (await User.GetQuotaAsync()).SentToday);
    }

    private async Task<long> WakeUpsAsync(params long[] sequenceIds) =>
        await Seed.ScalarAsync(
            "SELECT count(*) FROM orleansreminderstable WHERE grainid = ANY($1) AND remindername = $2",
            sequenceIds.Select(id => Sequence(id).GetGrainId().ToString()).ToArray(), SequenceGrain.WakeUpReminder);

    /// <summary>
    /// The sequence once it handled the one-way stop request (after the turn in progress), which must have given it
    /// <paramref name="status"/>.
    /// </summary>
    private async Task<SequenceView> WaitForStatusAsync(long id, string status)
    {
        await Cluster.Calls.WaitForAsync(Sequence(id).GetGrainId(), nameof(ISequenceEngineGrain.RequestStopAsync));
        var view = await Sequence(id).GetAsync();
        Assert.Equal(status, view.Status);
        return view;
    }
}
