using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>An out-of-office answer parks the contact's sequence until the day after its return date; it goes on by itself.</summary>
[Collection(InboxCollection.Name)]
public sealed class OutOfOfficeTests : InboxTest
{
    [Fact]
    public async Task An_out_of_office_with_a_return_date_parks_until_the_day_after_and_the_sequence_resumes_by_itself()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, first) = await SendFirstStepAsync();
        var parkedAt = Clock.GetUtcNow();
        var dueBefore = (await Sequence(sequence.Id).GetAsync()).Steps[1].ScheduledAt!.Value;

        var done = await DeliverAsync(mailbox.Id, account,
            InboundMessages.OutOfOffice(email, mailbox.Email, first.Header("Message-ID"), "Thank you for your message. I am out of the office and back on 14 December."));

        Assert.Equal("applied", done.Outcome);
        var resumeAt = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero);
        var parked = await Sequence(sequence.Id).GetAsync();
        Assert.Equal(("parked", resumeAt), (parked.Status, parked.ResumeAt));
        var due = dueBefore + (resumeAt - parkedAt);
        Assert.Equal(due, parked.Steps[1].ScheduledAt);
        Assert.Equal(["sent", "scheduled", "scheduled"], parked.Steps.Select(s => s.Status));
        Assert.Equal("2026-12-14", await Seed.ScalarTextAsync("SELECT return_date::text FROM inbox_messages WHERE contact_id = $1 AND kind = 'auto_reply'", contact));
        Assert.Equal("auto_replied", await Seed.ScalarTextAsync("SELECT reply_status FROM applications WHERE id = $1", ApplicationId));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE relay_status <> 'none'"));

        await Clock.AdvanceToAsync(resumeAt - TimeSpan.FromSeconds(1));
        Assert.Equal("parked", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Single(SmtpSink.MessagesTo(email));

        await Clock.AdvanceToAsync(resumeAt);
        var resumed = await Sequence(sequence.Id).GetAsync();
        Assert.Equal(("active", (DateTimeOffset?)null), (resumed.Status, resumed.ResumeAt));
        Assert.Single(SmtpSink.MessagesTo(email));

        await Clock.AdvanceToAsync(due);
        var messages = await SmtpSink.WaitForAsync(email, 2);
        Assert.Equal(due, (await Sequence(sequence.Id).GetAsync()).Steps[1].SentAt);
        Assert.Equal(first.Header("Message-ID"), messages[1].Header("In-Reply-To"));
    }

    [Fact]
    public async Task Without_a_return_date_it_parks_for_7_days_and_a_reply_while_parked_stops_it()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, email, first) = await SendFirstStepAsync();
        var parkedAt = Clock.GetUtcNow();

        var ooo = InboundMessages.OutOfOffice(email, mailbox.Email, first.Header("Message-ID"), "I am travelling with limited access to email.");
        Assert.Equal("applied", (await DeliverAsync(mailbox.Id, account, ooo)).Outcome);
        var parked = await Sequence(sequence.Id).GetAsync();
        Assert.Equal(("parked", parkedAt + TimeSpan.FromDays(7)), (parked.Status, parked.ResumeAt));

        await Clock.AdvanceAsync(TimeSpan.FromDays(1));
        var reply = InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Back early - happy to chat.");
        Assert.Equal("applied", (await DeliverAsync(mailbox.Id, account, reply)).Outcome);

        var stopped = await Sequence(sequence.Id).GetAsync();
        Assert.Equal(("stopped_reply", (DateTimeOffset?)null), (stopped.Status, stopped.ResumeAt));
        await Clock.AdvanceAsync(TimeSpan.FromDays(14));
        Assert.Single(SmtpSink.MessagesTo(email));
    }
}
