using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Inbox;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// One silo over one fresh database, on a fake clock that starts Monday 2026-11-02 09:00 UTC, whose mailboxes
/// RoleFerry reads from the real Dovecot of ./test.sh (polling every second: the readers' loops run on real time,
/// so tests wait on the readers' own signals; grains and reminders stay on the test clock).
/// </summary>
public sealed class InboxFixture : IAsyncLifetime
{
    public const string WebhookSecret = "inbox-tests-webhook-secret";

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private TestUser? _admin;
    private Npgsql.NpgsqlDataSource? _reminders;

    public TestClock Clock { get; } = new(Start);

    public ApiFactory Factory { get; private set; } = null!;

    public string ConnectionString => Factory.ConnectionString;

    public InboxReaderSignals Signals => Factory.Services.GetRequiredService<InboxReaderSignals>();

    public async Task InitializeAsync()
    {
        Factory = new ApiFactory(
            await TestDatabase.CreateAsync(),
            new Dictionary<string, string?>
            {
                ["RoleFerry:WebhookSecret"] = WebhookSecret,
                ["RoleFerry:Email:PublicBaseUrl"] = OutreachFixture.PublicBaseUrl,
                ["RoleFerry:Api:TokenLifetime"] = "60.00:00:00",
                ["RoleFerry:Inbox:UseIdle"] = "false",
                ["RoleFerry:Inbox:PollInterval"] = "00:00:01",
                ["RoleFerry:Inbox:RetryBaseDelay"] = "00:00:00.200",
                ["RoleFerry:Inbox:MaxRetryDelay"] = "00:00:02",
                ["RoleFerry:Inbox:KeepAlivePeriod"] = "1.00:00:00",
            },
            Clock);
        _ = Factory.Server;
        _reminders = Npgsql.NpgsqlDataSource.Create(Factory.ConnectionString);
        Clock.Watch(new ReminderTable(_reminders, Factory.ServiceId));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Clock.Dispose();
        if (_reminders is not null)
        {
            await _reminders.DisposeAsync();
        }
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public Task<TestUser> NewUserAsync(string? email = null) => Factory.NewUserAsync(email);

    public async Task<TestUser> AdminAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            return _admin ??= await Factory.NewUserAsync(ApiFactory.AdminEmail);
        }
        finally
        {
            _adminGate.Release();
        }
    }

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
