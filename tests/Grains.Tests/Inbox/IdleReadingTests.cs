namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>Dovecot offers IMAP IDLE: new mail is read when the server announces it, not at the next poll.</summary>
[Collection(InboxCollection.Name)]
public sealed class IdleReadingTests : InboxTest
{
    public IdleReadingTests()
    {
        Settings["RoleFerry:Inbox:UseIdle"] = "true";
        Settings["RoleFerry:Inbox:PollInterval"] = "01:00:00";
        Settings["RoleFerry:Inbox:IdleRefresh"] = "01:00:00";
    }

    [Fact]
    public async Task A_reply_is_read_as_soon_as_the_server_announces_it()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, email, first) = await SendFirstStepAsync();

        // No poll comes within the hour: only IDLE can make the reader read it within the signal's wait.
        var done = await DeliverAsync(mailbox.Id, account, InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Yes!"));

        Assert.Equal("applied", done.Outcome);
        Assert.Equal("stopped_reply", (await Sequence(sequence.Id).GetAsync()).Status);
    }
}
