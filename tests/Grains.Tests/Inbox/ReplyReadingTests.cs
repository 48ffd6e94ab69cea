using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>A contact's reply reaches the sending mailbox; RoleFerry reads it over IMAP and acts on it (no webhook).</summary>
[Collection(InboxCollection.Name)]
public sealed class ReplyReadingTests : InboxTest
{
    public ReplyReadingTests()
    {
        Settings["RoleFerry:Inbox:UseIdle"] = "false";
    }

    [Fact]
    public async Task A_reply_with_in_reply_to_stops_the_sequence_within_one_poll_shows_in_the_inbox_and_is_relayed()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, first) = await SendFirstStepAsync();
        Assert.Equal("", first.Header("Reply-To"));
        var before = Signals.Latest;
        var roundsBefore = Signals.Of(mailbox.Id).LastOrDefault(s => s.Event == "round-ended")?.Round ?? 0;

        var done = await DeliverAsync(mailbox.Id, account,
            InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Happy to help, Jamie. Call me Thursday?"));

        // Read by the first round that began after the message arrived (one poll), at most the one after it.
        Assert.Equal("applied", done.Outcome);
        Assert.InRange(done.Round, roundsBefore + 1, roundsBefore + 2);
        Assert.True(done.Number > before);
        var stopped = await Sequence(sequence.Id).GetAsync();
        Assert.Equal("stopped_reply", stopped.Status);
        Assert.Equal(["replied", "canceled", "canceled"], stopped.Steps.Select(s => s.Status));
        Assert.Equal("replied", await Seed.ScalarTextAsync("SELECT reply_status FROM applications WHERE id = $1", ApplicationId));
        Assert.Equal(1L, await CountAsync(
            "SELECT count(*) FROM inbox_messages WHERE user_id = $1 AND kind = 'reply' AND contact_id = $2 AND sequence_instance_id = $3 AND from_address = $4 AND snippet = $5",
            UserId, contact, sequence.Id, email, "Happy to help, Jamie. Call me Thursday?"));

        var userEmail = await UserEmailAsync();
        await RoundEndedAsync(mailbox.Id, done.Number);
        var relay = Assert.Single(await SmtpSink.WaitForAsync(userEmail, 1));
        Assert.Contains(email, relay.Header("Reply-To"), StringComparison.Ordinal);
        Assert.Contains(mailbox.Email, relay.Header("From"), StringComparison.Ordinal);
        Assert.Equal("auto-generated", relay.Header("Auto-Submitted"));
        Assert.Contains("Happy to help, Jamie.", relay.Raw, StringComparison.Ordinal);
        Assert.Contains("Staff Engineer at Acme", relay.Raw.Replace("=\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE user_id = $1 AND relay_status = 'sent'", UserId));

        await Clock.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Single(SmtpSink.MessagesTo(email));
        Assert.Single(SmtpSink.MessagesTo(userEmail));
    }

    [Fact]
    public async Task A_message_that_answers_none_of_our_emails_is_counted_and_left_alone()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, _, _) = await SendFirstStepAsync();

        var done = await DeliverAsync(mailbox.Id, account,
            InboundMessages.Reply("stranger@elsewhere.test", mailbox.Email, "<not-ours@elsewhere.test>", "Newsletter"));

        Assert.Equal("unmatched", done.Outcome);
        Assert.Equal("active", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task An_unsubscribe_request_by_reply_opts_the_contact_out_and_suppresses_the_address()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, first) = await SendFirstStepAsync();

        var done = await DeliverAsync(mailbox.Id, account, InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Please remove me from your list."));

        Assert.Equal("applied", done.Outcome);
        Assert.Equal("stopped_optout", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM contacts WHERE id = $1 AND opted_out", contact));
        Assert.Equal("unsubscribe", await Seed.ScalarTextAsync("SELECT reason FROM suppression_list WHERE email = lower($1)", email));
        Assert.Equal("unsubscribe", await Seed.ScalarTextAsync("SELECT kind FROM inbox_messages WHERE contact_id = $1", contact));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE relay_status <> 'none'"));
    }
}
