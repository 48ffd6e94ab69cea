using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>Follow-ups go out in the thread of step 1, without Reply-To from a mailbox RoleFerry reads; a reply to any step matches.</summary>
[Collection(InboxCollection.Name)]
public sealed class ThreadedFollowUpTests : InboxTest
{
    [Fact]
    public async Task Follow_ups_carry_in_reply_to_and_references_and_re_the_first_subject_and_a_reply_to_step_2_matches()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Quick advice on {{role}}?", "One"), (1, "", "Two"), (1, "Third time", "Three"), (1, "  ", "Four"));
        var sequence = await EnrollAsync(contact, template);

        await Clock.AdvanceAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var sent = await SmtpSink.WaitForAsync(email, 3);
        var ids = sent.Select(m => m.Header("Message-ID")).ToList();

        Assert.Equal(["Quick advice on Staff Engineer?", "Re: Quick advice on Staff Engineer?", "Third time"], sent.Select(m => m.Header("Subject")));
        Assert.Equal(["", ids[0], ids[1]], sent.Select(m => m.Header("In-Reply-To")));
        Assert.Equal(["", ids[0], $"{ids[0]} {ids[1]}"], sent.Select(m => m.Header("References")));
        Assert.All(sent, m => Assert.Equal("", m.Header("Reply-To")));

        var done = await DeliverAsync(mailbox.Id, account, InboundMessages.Reply(email, mailbox.Email, ids[1], "Answering your follow-up."));

        Assert.Equal("applied", done.Outcome);
        var stopped = await Sequence(sequence.Id).GetAsync();
        Assert.Equal("stopped_reply", stopped.Status);
        Assert.Equal(["sent", "replied", "sent", "canceled"], stopped.Steps.Select(s => s.Status));
        await Clock.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Equal(3, SmtpSink.MessagesTo(email).Count);
    }

    [Fact]
    public async Task A_mailbox_without_imap_keeps_reply_to_the_user()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "One"), (1, "", "Two")));

        await Clock.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var sent = await SmtpSink.WaitForAsync(email, 2);

        var user = await UserEmailAsync();
        Assert.All(sent, m => Assert.Contains(user, m.Header("Reply-To"), StringComparison.Ordinal));
        Assert.Equal("Re: Hello", sent[1].Header("Subject"));
        Assert.Equal(sent[0].Header("Message-ID"), sent[1].Header("In-Reply-To"));
    }
}
