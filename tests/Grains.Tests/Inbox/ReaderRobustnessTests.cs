using System.Text;
using MimeKit;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>What a reader meets in a real mailbox never stops it: broken MIME, huge messages, unknown charsets, a wrong password.</summary>
[Collection(InboxCollection.Name)]
public sealed class ReaderRobustnessTests : InboxTest
{
    public ReaderRobustnessTests()
    {
        Settings["RoleFerry:Inbox:UseIdle"] = "false";
        Settings["RoleFerry:Inbox:MaxMessageBytes"] = "1048576";
    }

    [Fact]
    public async Task Malformed_mime_a_10_mb_message_and_an_unknown_charset_are_counted_and_the_reader_goes_on()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (_, contact, email, first) = await SendFirstStepAsync();
        var ours = first.Header("Message-ID");

        var malformed = await ImapServer.AppendAsync(account, Encoding.ASCII.GetBytes("this is not a message\r\nno headers here at all\r\n"));
        var huge = InboundMessages.Reply(email, mailbox.Email, ours, "Here is my portfolio, attached.");
        huge.Body = new Multipart("mixed")
        {
            huge.Body!,
            new MimePart("application", "octet-stream")
            {
                Content = new MimeContent(new MemoryStream(RandomBytes(10 * 1024 * 1024))),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "portfolio.bin",
            },
        };
        var hugeUid = await ImapServer.AppendAsync(account, huge);
        var charset = await ImapServer.AppendAsync(account, Encoding.Latin1.GetBytes(
            $"From: Alex Helper <{email}>\r\nTo: {mailbox.Email}\r\nSubject: Re: Quick advice\r\nMessage-ID: <charset-{Guid.NewGuid():N}@acme.test>\r\n" +
            $"In-Reply-To: {ours}\r\nContent-Type: text/plain; charset=x-unknown-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\nD\u00e9j\u00e0 vu, happy to help.\r\n"));
        var last = await ProcessedAsync(mailbox.Id, charset);

        var signals = Signals.Of(mailbox.Id).Where(s => s.Event == "processed").ToList();
        Assert.Equal("malformed", signals.Single(s => s.LastUid == malformed).Outcome);
        Assert.Equal("applied", signals.Single(s => s.LastUid == hugeUid).Outcome);
        Assert.Equal("applied", last.Outcome);
        Assert.Equal(1, last.Counters["malformed"]);
        Assert.Equal(1, last.Counters["oversized"]);
        Assert.Equal(1, last.Counters["charset_fallback"]);
        Assert.Equal("Here is my portfolio, attached.", await Seed.ScalarTextAsync(
            "SELECT snippet FROM inbox_messages WHERE contact_id = $1 AND message_id = $2", contact, huge.MessageId!));
        Assert.StartsWith("D\u00e9j\u00e0 vu", await Seed.ScalarTextAsync(
            "SELECT text_body FROM inbox_messages WHERE contact_id = $1 AND message_id LIKE 'charset-%'", contact), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE length(text_body) > 100000"));

        var after = InboundMessages.Reply("someone@elsewhere.test", mailbox.Email, null, "Still reading?");
        Assert.Equal("unmatched", (await DeliverAsync(mailbox.Id, account, after)).Outcome);
        Assert.Equal("1", await Seed.ScalarTextAsync("SELECT counters ->> 'malformed' FROM mailbox_inbox_sync WHERE mailbox_id = $1", mailbox.Id));
    }

    [Fact]
    public async Task A_wrong_imap_password_shows_as_the_inbox_error_never_stops_sending_and_new_credentials_fix_it()
    {
        var (mailbox, account) = await AddReadMailboxAsync(imapPassword: "not-the-password");
        var failed = await Signals.WaitForAsync(mailbox.Id, s => s.Event == "round-failed", SignalTimeout);
        Assert.Contains("login failed", failed.Error, StringComparison.OrdinalIgnoreCase);
        var failures = await Signals.WaitForAsync(mailbox.Id, s => s.Event == "round-failed" && s.Number > failed.Number, SignalTimeout);
        Assert.Contains("IMAP login failed", await Seed.ScalarTextAsync("SELECT last_error FROM mailbox_inbox_sync WHERE mailbox_id = $1", mailbox.Id), StringComparison.Ordinal);
        Assert.True(await CountAsync("SELECT failures FROM mailbox_inbox_sync WHERE mailbox_id = $1", mailbox.Id) >= 2, failures.Error);

        var (sequence, _, email, first) = await SendFirstStepAsync();
        Assert.Equal("sent", (await Sequence(sequence.Id).GetAsync()).Steps[0].Status);

        var updated = await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).UpdateSettingsAsync(new MailboxSettingsChange(ImapPassword: account.Password));
        Assert.True(updated.Mailbox!.ImapConfigured);
        var reading = await Signals.WaitForAsync(mailbox.Id, s => s.Event == "round-ended", SignalTimeout);
        Assert.Null(await Seed.ScalarTextAsync("SELECT last_error FROM mailbox_inbox_sync WHERE mailbox_id = $1", mailbox.Id));
        Assert.True(reading.Number > failures.Number);
        var reply = InboundMessages.Reply(email, mailbox.Email, first.Header("Message-ID"), "Works now.");
        Assert.Equal("applied", (await DeliverAsync(mailbox.Id, account, reply)).Outcome);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
