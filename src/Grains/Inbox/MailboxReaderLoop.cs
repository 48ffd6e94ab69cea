using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The background loop a <see cref="MailboxReaderGrain"/> activation owns: it runs on the thread pool, outside the
/// grain's turns, so a connection waiting in IDLE (or between polls) never holds the grain. It does the I/O only:
/// connect and log in with the mailbox's current IMAP settings (asked of the mailbox grain on every connection),
/// open INBOX read-only, and in rounds: ask the reader grain where to start (<see cref="IMailboxReaderGrain.BeginRoundAsync"/>),
/// fetch every newer message (headers and text part only when it is oversized; never marked \Seen) and hand each
/// one to the grain (<see cref="IMailboxReaderGrain.ProcessAsync"/>), which applies it and moves the checkpoint;
/// then wait for new mail: IMAP IDLE when the server offers it (woken by the server's EXISTS, or after
/// <see cref="InboxOptions.IdleRefresh"/>), else <see cref="InboxOptions.PollInterval"/>. A failure (connection,
/// login, server, database) is reported to the grain, which records it and says how long to back off; then it
/// reconnects. It waits on real time: it talks to a real server.
/// </summary>
internal sealed class MailboxReaderLoop
{
    private readonly long _mailboxId;
    private readonly IGrainFactory _grains;
    private readonly IMailboxReaderGrain _reader;
    private readonly InboxOptions _options;
    private readonly TimeProvider _siloClock;
    private readonly ILogger _logger;
    private readonly SecretProtector _secrets;
    private readonly SenderAuthenticator _authenticator;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _session;
    private CancellationTokenSource? _idle;
    private int _newMail;
    private Task? _task;

    public MailboxReaderLoop(
        long mailboxId, IGrainFactory grains, IMailboxReaderGrain reader, InboxOptions options, SecretProtector secrets,
        SenderAuthenticator authenticator, TimeProvider siloClock, ILogger logger)
    {
        _mailboxId = mailboxId;
        _grains = grains;
        _secrets = secrets;
        _authenticator = authenticator;
        _reader = reader;
        _options = options;
        _siloClock = siloClock;
        _logger = logger;
    }

    public bool IsRunning => _task is { IsCompleted: false } && !_stop.IsCancellationRequested;

    /// <summary>Starts the loop on the thread pool (never on the grain's scheduler).</summary>
    public void Start() => _task = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Drops the current connection (and any back-off wait): the next one uses the mailbox's current settings.</summary>
    public void Reconnect()
    {
        lock (_gate)
        {
            _session?.Cancel();
        }
    }

    /// <summary>Stops the loop without waiting for it (a grain turn the loop may be calling must not wait on it).</summary>
    public void Cancel() => _stop.Cancel();

    /// <summary>Stops the loop and waits for it to end, at most <paramref name="wait"/>.</summary>
    public async Task StopAsync(TimeSpan wait)
    {
        _stop.Cancel();
        if (_task is { } task)
        {
            await Task.WhenAny(task, Task.Delay(wait));
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
            lock (_gate)
            {
                _session = session;
            }

            TimeSpan backoff;
            try
            {
                var settings = await _grains.GetGrain<IMailboxEngineGrain>(_mailboxId).GetImapSettingsAsync();
                if (settings is null)
                {
                    _logger.LogInformation("Mailbox {MailboxId} has no IMAP settings: its reader stops", _mailboxId);
                    await _reader.StopReadingAsync();
                    return;
                }

                await ReadAsync(settings, session.Token);
                continue;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (session.IsCancellationRequested)
            {
                _logger.LogInformation("Mailbox {MailboxId}: IMAP settings changed; reconnecting", _mailboxId);
                continue;
            }
            catch (Exception error)
            {
                backoff = await ReportAsync(error, stop);
            }

            try
            {
                await Task.Delay(backoff, session.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Settings changed during the back-off: try them at once.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: rounds until something fails or the session is canceled.</summary>
    private async Task ReadAsync(ImapSettings settings, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = (int)_options.CommandTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings), ct);
            await client.AuthenticateAsync(settings.Username, _secrets.Unseal(settings.Password), ct);
            var inbox = client.Inbox;
            inbox.CountChanged += (_, _) => MailArrived();
            await inbox.OpenAsync(FolderAccess.ReadOnly, ct);
            var idle = _options.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle);
            _logger.LogInformation("Mailbox {MailboxId}: reading {Imap}, {Mode}", _mailboxId, settings, idle ? "IDLE" : $"polling every {_options.PollInterval}");
            while (true)
            {
                Interlocked.Exchange(ref _newMail, 0);
                var validity = (long)inbox.UidValidity;
                var uidNext = inbox.UidNext is { IsValid: true } next ? (long?)next.Id : null;
                var plan = await _reader.BeginRoundAsync(validity);
                await ReadNewAsync(inbox, validity, plan, ct);
                await _reader.EndRoundAsync(validity, uidNext);
                if (idle)
                {
                    await IdleAsync(client, ct);
                }
                else
                {
                    await PollWaitAsync(ct);
                    await client.NoOpAsync(ct);
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(true, quit.Token);
                }
                catch (Exception e) when (e is ImapProtocolException or ImapCommandException or IOException or SocketException or OperationCanceledException)
                {
                    _logger.LogDebug("Mailbox {MailboxId}: LOGOUT failed: {Error}", _mailboxId, e.Message);
                }
            }
        }
    }

    /// <summary>Every message above the checkpoint (and, with a floor, received since it), oldest first, one at a time to the grain.</summary>
    private async Task ReadNewAsync(IMailFolder inbox, long validity, InboxRoundPlan plan, CancellationToken ct)
    {
        var range = new UniqueIdRange(new UniqueId((uint)validity, (uint)(plan.LastUid + 1)), UniqueId.MaxValue);
        SearchQuery query = SearchQuery.Uids(range);
        if (plan.SinceFloor is { } floor)
        {
            query = query.And(SearchQuery.DeliveredAfter(floor.UtcDateTime.Date));
        }

        // "UID n:*" also answers the newest message when its UID is below n: only UIDs above the checkpoint count.
        var uids = (await inbox.SearchAsync(query, ct)).Where(u => u.Id > plan.LastUid).OrderBy(u => u.Id).ToList();
        foreach (var batch in uids.Chunk(_options.BatchSize))
        {
            var summaries = await inbox.FetchAsync(batch, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate), ct);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                await _reader.ProcessAsync(await ReadMessageAsync(inbox, summary, validity, ct));
            }
        }
    }

    /// <summary>One message as the grain gets it; a message that cannot be parsed is handed over as skipped, never thrown.</summary>
    private async Task<InboxMessageRead> ReadMessageAsync(IMailFolder inbox, IMessageSummary summary, long validity, CancellationToken ct)
    {
        var uid = summary.UniqueId;
        var size = (long)(summary.Size ?? 0);
        var oversized = size > _options.MaxMessageBytes;
        using var raw = new MemoryStream();
        await using (var stream = await inbox.GetStreamAsync(uid, oversized ? "HEADER" : "", ct))
        {
            await stream.CopyToAsync(raw, ct);
        }

        MimeMessage message;
        try
        {
            raw.Position = 0;
            message = oversized
                ? new MimeMessage(await HeaderList.LoadAsync(raw, ct))
                : await MimeMessage.LoadAsync(raw, ct);
        }
        catch (FormatException e)
        {
            return new InboxMessageRead(validity, uid.Id, summary.InternalDate, null, InboxCounters.Malformed, e.Message);
        }

        using (message)
        {
            // Here, with the message as it arrived and the network at hand (DNS for the signers' keys), not in the grain.
            var authentication = await _authenticator.AuthenticateAsync(message, ct);
            if (oversized)
            {
                message.Body = await TextPartAsync(inbox, uid, ct);
            }

            try
            {
                var email = InboundEmailParser.Read(message, raw.GetBuffer().AsSpan(0, (int)raw.Length), size, oversized) with
                {
                    Authentication = authentication,
                };
                return new InboxMessageRead(validity, uid.Id, summary.InternalDate, email, null, null);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or InvalidOperationException)
            {
                return new InboxMessageRead(validity, uid.Id, summary.InternalDate, null, InboxCounters.Malformed, e.Message);
            }
        }
    }

    /// <summary>An oversized message's text part (plain, else HTML), when it is small enough; attachments are never fetched.</summary>
    private async Task<MimeEntity?> TextPartAsync(IMailFolder inbox, UniqueId uid, CancellationToken ct)
    {
        var structure = (await inbox.FetchAsync([uid], new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure), ct)).FirstOrDefault();
        var part = structure?.TextBody ?? structure?.HtmlBody;
        if (part is null || part.Octets > (uint)Math.Min(_options.MaxTextPartBytes, uint.MaxValue))
        {
            return null;
        }

        try
        {
            return await inbox.GetBodyPartAsync(uid, part, ct);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// One poll interval, on the wall clock or on the silo's clock, whichever passes first: the same in production;
    /// in tests, moving the test clock by a poll interval makes a poll happen.
    /// </summary>
    private async Task PollWaitAsync(CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var wallClock = Task.Delay(_options.PollInterval, TimeProvider.System, wait.Token);
        var siloClock = Task.Delay(_options.PollInterval, _siloClock, wait.Token);
        await Task.WhenAny(wallClock, siloClock);
        await wait.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>IMAP IDLE until the server announces new mail, or <see cref="InboxOptions.IdleRefresh"/> passes.</summary>
    private async Task IdleAsync(ImapClient client, CancellationToken ct)
    {
        using var done = new CancellationTokenSource(_options.IdleRefresh);
        lock (_gate)
        {
            _idle = done;
        }

        try
        {
            // Mail announced during the round (or right after it) starts the next round at once.
            if (Volatile.Read(ref _newMail) == 0)
            {
                await client.IdleAsync(done.Token, ct);
            }
        }
        finally
        {
            lock (_gate)
            {
                _idle = null;
            }
        }
    }

    /// <summary>The server announced a change of the message count (EXISTS): end the IDLE, read again.</summary>
    private void MailArrived()
    {
        Interlocked.Exchange(ref _newMail, 1);
        lock (_gate)
        {
            _idle?.Cancel();
        }
    }

    /// <summary>Tells the grain the round failed and returns its back-off (its own guess when the grain cannot be told).</summary>
    private async Task<TimeSpan> ReportAsync(Exception error, CancellationToken stop)
    {
        var description = Describe(error);
        try
        {
            return await _reader.RoundFailedAsync(description);
        }
        catch (Exception reportError) when (!stop.IsCancellationRequested)
        {
            _logger.LogWarning("Mailbox {MailboxId}: reading failed ({Error}) and could not be recorded ({ReportError})", _mailboxId, description, reportError.Message);
            return _options.MaxRetryDelay;
        }
    }

    /// <summary>A sentence for <c>inboxError</c>: what failed, without secrets.</summary>
    private static string Describe(Exception error) => error switch
    {
        AuthenticationException => $"IMAP login failed: {error.Message}",
        SocketException or IOException => $"cannot reach the IMAP server: {error.Message}",
        SslHandshakeException => $"TLS with the IMAP server failed: {error.Message}",
        ImapCommandException or ImapProtocolException => $"the IMAP server refused: {error.Message}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    /// <summary>TLS: implicit on port 993, else STARTTLS (required); without TLS, plain IMAP.</summary>
    private static SecureSocketOptions SocketOptions(ImapSettings settings) =>
        !settings.UseTls ? SecureSocketOptions.None
        : settings.Port == 993 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;
}
