using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Inbox;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// The silo of the inbox test classes (<see cref="SiloFixture"/>), whose mailboxes RoleFerry reads from the real
/// Dovecot of ./test.sh (polling every second: the readers' loops run on real time, so tests wait on the readers' own
/// signals; grains and reminders stay on the test clock).
/// </summary>
public sealed class InboxFixture() : SiloFixture(WebhookSecret, TimeSpan.FromDays(60))
{
    public const string WebhookSecret = "inbox-tests-webhook-secret";

    public static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(60);

    public InboxReaderSignals Signals => Factory.Services.GetRequiredService<InboxReaderSignals>();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RoleFerry:Inbox:UseIdle", "false"),
        new("RoleFerry:Inbox:PollInterval", "00:00:01"),
        new("RoleFerry:Inbox:RetryBaseDelay", "00:00:00.200"),
        new("RoleFerry:Inbox:MaxRetryDelay", "00:00:02"),
        new("RoleFerry:Inbox:KeepAlivePeriod", "1.00:00:00"),
    ];

    /// <summary>
    /// A mailbox added through the API with IMAP settings of a new Dovecot account (the SMTP sink sends its mail);
    /// returns once its reader finished its first read.
    /// </summary>
    public async Task<(JsonElement Mailbox, ImapAccount Account)> NewReadMailboxAsync()
    {
        var account = ImapServer.NewAccount();
        var admin = await AdminAsync();
        var response = await admin.Client.PostJsonAsync("/api/admin/mailboxes", new
        {
            email = account.Address,
            domain = "mail.roleferry.test",
            smtpHost = SmtpSink.Host,
            smtpPort = SmtpSink.Port,
            smtpUsername = account.Address,
            smtpPassword = "smtp-secret-value",
            useTls = false,
            dailyCap = 50,
            warmupEnabled = false,
            minGapSeconds = 0,
            imapHost = ImapServer.Host,
            imapPort = ImapServer.Port,
            imapUsername = account.Address,
            imapPassword = account.Password,
            imapUseTls = false,
        });
        var mailbox = await response.JsonAsync(HttpStatusCode.Created);
        await Signals.WaitForAsync(mailbox.Id(), s => s.Event == "round-ended", SignalTimeout);
        return (mailbox, account);
    }

    /// <summary>Puts a message into the account's INBOX and waits until the mailbox's reader dealt with it.</summary>
    public async Task<InboxReaderSignal> DeliverAsync(long mailboxId, ImapAccount account, MimeKit.MimeMessage message)
    {
        var uid = await ImapServer.AppendAsync(account, message);
        return await Signals.WaitForAsync(mailboxId, s => s.Event == "processed" && s.LastUid >= uid, SignalTimeout);
    }
}
