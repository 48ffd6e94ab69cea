using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RoleFerry.Grains.Inbox;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>
/// Outreach from a mailbox RoleFerry reads over IMAP: a real Dovecot account per mailbox (./test.sh), into which a
/// test puts what a contact's server would deliver (IMAP APPEND). The reader's loop talks to Dovecot on real time,
/// so a test waits for what it expects on the reader's own signal (<see cref="InboxReaderSignals"/>, at most
/// <see cref="SignalTimeout"/>), never by sleeping; grains and reminders stay on the test clock.
/// </summary>
public abstract class InboxTest : OutreachTest
{
    public static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(60);

    protected InboxTest()
    {
        Settings["RoleFerry:Inbox:PollInterval"] = "00:00:01";
        Settings["RoleFerry:Inbox:RetryBaseDelay"] = "00:00:00.200";
        Settings["RoleFerry:Inbox:MaxRetryDelay"] = "00:00:02";
        // A reminder period on the test clock: long, so that moving the clock by weeks stops at few ticks.
        Settings["RoleFerry:Inbox:KeepAlivePeriod"] = "1.00:00:00";
    }

    /// <summary>The reader signals of the silo running now (a restarted silo has its own).</summary>
    protected InboxReaderSignals Signals => Silo.Services.GetRequiredService<InboxReaderSignals>();

    protected async Task<string> UserEmailAsync() =>
        (await Seed.ScalarTextAsync("SELECT email FROM users WHERE id = $1", UserId))!;

    /// <summary>A mailbox that sends to the SMTP sink and is read from its own Dovecot account; returns once its first read ended.</summary>
    protected async Task<(MailboxSnapshot Mailbox, ImapAccount Account)> AddReadMailboxAsync(string? imapPassword = null)
    {
        var account = ImapServer.NewAccount();
        var added = await Silo.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).AddMailboxAsync(new NewMailbox(
            account.Address, "mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, account.Address, "smtp-secret", UseTls: false,
            DailyCap: 50, WarmupEnabled: false, MinGapSeconds: 0, ImapHost: ImapServer.Host, ImapPort: ImapServer.Port,
            ImapUsername: account.Address, ImapPassword: imapPassword ?? account.Password, ImapUseTls: false));
        var mailbox = added.Mailbox ?? throw new InvalidOperationException($"The pool refused {account.Address}: {added.Error}");
        if (imapPassword is null)
        {
            await RoundEndedAsync(mailbox.Id);
        }

        return (mailbox, account);
    }

    /// <summary>A read of the mailbox that ended after signal number <paramref name="after"/>.</summary>
    protected Task<InboxReaderSignal> RoundEndedAsync(long mailboxId, long after = 0) =>
        Signals.WaitForAsync(mailboxId, s => s.Event == "round-ended" && s.Number > after, SignalTimeout);

    /// <summary>Puts <paramref name="message"/> into the mailbox and waits until its reader dealt with it; returns what became of it.</summary>
    protected async Task<InboxReaderSignal> DeliverAsync(long mailboxId, ImapAccount account, MimeMessage message)
    {
        var uid = await ImapServer.AppendAsync(account, message);
        return await ProcessedAsync(mailboxId, uid);
    }

    /// <summary>The reader's signal that it dealt with the message of UID <paramref name="uid"/>.</summary>
    protected Task<InboxReaderSignal> ProcessedAsync(long mailboxId, long uid) =>
        Signals.WaitForAsync(mailboxId, s => s.Event == "processed" && s.LastUid >= uid, SignalTimeout);

    /// <summary>Sends step 1 of a three-step any-time sequence (0 h, 48 h, 96 h) to a new contact; returns the email as it left.</summary>
    protected async Task<(SequenceView Sequence, long ContactId, string Email, SinkMessage First)> SendFirstStepAsync(string subject = "Quick advice?")
    {
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, subject, "Hi {{first_name}}"), (48, "", "Following up"), (96, "", "Last note")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        return (view, contact, email, first);
    }

    protected async Task<long> CountAsync(string sql, params object[] parameters) => await Seed.ScalarAsync(sql, parameters);

    protected static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal IMailboxReaderGrain Reader(long mailboxId) => Silo.Grains.GetGrain<IMailboxReaderGrain>(mailboxId);
}
