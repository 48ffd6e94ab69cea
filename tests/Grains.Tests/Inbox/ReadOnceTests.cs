using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>
/// Every message is applied once, keyed by its Message-ID: delivered twice, read again after a restart whose
/// checkpoint lagged, or renumbered by the server (a new UIDVALIDITY).
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class ReadOnceTests : InboxTest
{
    public ReadOnceTests()
    {
        Settings["RoleFerry:Inbox:UseIdle"] = "false";
    }

    [Fact]
    public async Task The_same_reply_delivered_twice_and_read_again_after_a_restart_is_applied_once()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, email, first) = await SendFirstStepAsync();
        var reply = InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Sure, let's talk.");

        Assert.Equal("applied", (await DeliverAsync(mailbox.Id, account, reply)).Outcome);
        var again = await DeliverAsync(mailbox.Id, account, reply);
        Assert.Equal("duplicate", again.Outcome);
        await RoundEndedAsync(mailbox.Id, again.Number);

        // A silo that stops before its checkpoint moved (as after a crash between applying and recording): the
        // next reader reads both copies again.
        await Silo.StopAsync();
        await Seed.ExecuteAsync("UPDATE mailbox_inbox_sync SET last_uid = 0 WHERE mailbox_id = $1", mailbox.Id);
        Silo = await StartSiloAsync();
        // The keep-alive reminder brings the reader back on the new silo.
        await Clock.AdvanceAsync(TimeSpan.FromDays(1));
        var reread = await Signals.WaitForAsync(mailbox.Id, s => s.Event == "processed" && s.LastUid >= again.LastUid, SignalTimeout);

        Assert.Equal("duplicate", reread.Outcome);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outreach_events WHERE event_id = $1", $"inbound:{reply.MessageId!}"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", reply.MessageId!));
        Assert.Equal("stopped_reply", (await Sequence(sequence.Id).GetAsync()).Status);
        await RoundEndedAsync(mailbox.Id, reread.Number);
        Assert.Single(SmtpSink.MessagesTo(await UserEmailAsync()));
        var status = await Reader(mailbox.Id).GetStatusAsync();
        Assert.Equal(3, status.Counters["duplicate"]);
        Assert.Equal(1, status.Counters["applied"]);
    }

    [Fact]
    public async Task A_new_uidvalidity_makes_the_reader_read_the_folder_again_without_applying_old_mail_twice()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, email, first) = await SendFirstStepAsync();
        var (other, _, otherEmail, otherFirst) = await SendFirstStepAsync("Another question");
        var reply = InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Sure.");
        var applied = await DeliverAsync(mailbox.Id, account, reply);
        Assert.Equal("applied", applied.Outcome);
        var validity = (await Reader(mailbox.Id).GetStatusAsync()).UidValidity!.Value;

        await ImapServer.ChangeUidValidityAsync(account, (uint)validity + 1000);
        await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).UpdateSettingsAsync(new MailboxSettingsChange(ImapPassword: account.Password));
        var renumbered = await Signals.WaitForAsync(mailbox.Id, s => s.Event == "processed" && s.UidValidity == validity + 1000, SignalTimeout);
        var later = await DeliverAsync(mailbox.Id, account, InboundMessages.Reply(otherEmail, mailbox.Email, otherFirst.Header("Message-ID"), "Yes."));

        Assert.Equal("duplicate", renumbered.Outcome);
        Assert.Equal(("applied", validity + 1000), (later.Outcome, later.UidValidity));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outreach_events WHERE event_id = $1", $"inbound:{reply.MessageId!}"));
        Assert.Equal("stopped_reply", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal("stopped_reply", (await Sequence(other.Id).GetAsync()).Status);
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM inbox_messages"));
    }
}
