using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Reads one mailbox over IMAP (key: mailboxes.id; one activation, so one reader, per mailbox in the cluster).
/// <para>
/// The reader loop is a background task owned by the activation (<see cref="MailboxReaderLoop"/>), not a grain
/// timer: IMAP IDLE holds a connection open for minutes, and a grain turn held that long would block every call to
/// the grain; the loop does only I/O and hands each message to this grain through grain calls, so every decision
/// and every write (matching, applying, the checkpoint, the error) happens in this grain's turns, one at a time.
/// The keep-alive reminder (<see cref="InboxOptions.KeepAlivePeriod"/>) re-activates the reader after a
/// failover and restarts a loop that ended; deactivation stops the loop.
/// </para>
/// <para>
/// A message is dealt with once: applied through the email-event grain of the email it answers (keyed by its own
/// Message-ID, in the same transaction as its inbox row), then the checkpoint moves past its UID. A crash in
/// between makes the next read apply it again, which changes nothing. A message that cannot be parsed is skipped
/// with a counter and a log line; one that fails to apply while the database is reachable is tried three times,
/// then skipped the same way; a failing server or database fails the round, which backs off and is retried.
/// </para>
/// Call direction: this grain awaits the mailbox grain and email-event grains (which await mailboxes and
/// sequences); none of them awaits a reader.
/// </summary>
[GrainType("mailbox-reader")]
public sealed class MailboxReaderGrain(
    InboxSyncStore sync,
    InboxMatcher matcher,
    InboxRelay relay,
    InboxReaderSignals signals,
    InboxMetrics metrics,
    NpgsqlDataSource db,
    IOptions<InboxOptions> options,
    SecretProtector secrets,
    SenderAuthenticator authenticator,
    TimeProvider clock,
    ILogger<MailboxReaderGrain> logger) : Grain, IMailboxReaderGrain, IRemindable
{
    public const string KeepAliveReminder = "inbox-keep-alive";

    /// <summary>Tries of a message that fails to apply (while the database answers) before it is skipped.</summary>
    private const int MaxApplyAttempts = 3;

    private readonly Dictionary<long, int> _applyFailures = [];
    private MailboxReaderLoop? _loop;
    private InboxCheckpoint _checkpoint = InboxCheckpoint.None;
    private long _round;

    private long Id => this.GetPrimaryKeyLong();

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The IMAP server's notion of now. SEARCH SINCE compares with the server's own INTERNALDATE, a wall-clock date,
    /// so the first read's floor is taken from the wall clock, not from the silo's (in tests: fake) clock.
    /// </summary>
    private static DateTimeOffset ServerNow => TimeProvider.System.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _checkpoint = await sync.LoadAsync(Id);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_loop is { } loop)
        {
            await loop.StopAsync(TimeSpan.FromSeconds(5));
        }
    }

    public async Task EnsureStartedAsync()
    {
        if (await this.GetReminder(KeepAliveReminder) is null)
        {
            var period = options.Value.KeepAlivePeriod;
            await this.RegisterOrUpdateReminder(KeepAliveReminder, period, period);
        }

        StartLoop();
    }

    public async Task SettingsChangedAsync()
    {
        if (_loop is { IsRunning: true } loop)
        {
            loop.Reconnect();
            return;
        }

        await EnsureStartedAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == KeepAliveReminder)
        {
            StartLoop();
        }

        return Task.CompletedTask;
    }

    public Task<InboxReaderStatus> GetStatusAsync() => Task.FromResult(new InboxReaderStatus(
        _loop is { IsRunning: true }, _checkpoint.UidValidity, _checkpoint.LastUid, _checkpoint.LastSyncAt, _checkpoint.LastError,
        _checkpoint.Failures, _checkpoint.Counters));

    public async Task<InboxRoundPlan> BeginRoundAsync(long uidValidity)
    {
        if (_checkpoint.UidValidity != uidValidity)
        {
            var floor = _checkpoint.UidValidity is null
                ? ServerNow - options.Value.InitialLookback
                : (_checkpoint.NewestSeenAt ?? ServerNow - options.Value.InitialLookback) - TimeSpan.FromDays(1);
            if (_checkpoint.UidValidity is { } previous)
            {
                logger.LogWarning(
                    "Mailbox {MailboxId}: UIDVALIDITY changed from {Previous} to {Current} (the server renumbered the folder); reading mail received since {Floor:O} again, messages applied before are recognized by their Message-ID",
                    Id, previous, uidValidity, floor);
            }

            await sync.StartOverAsync(Id, uidValidity, floor, Now);
            _checkpoint = _checkpoint with { UidValidity = uidValidity, LastUid = 0, SinceFloor = floor };
            _applyFailures.Clear();
        }

        _round++;
        return new InboxRoundPlan(_checkpoint.LastUid, _checkpoint.SinceFloor);
    }

    public async Task ProcessAsync(InboxMessageRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.UidValidity != _checkpoint.UidValidity || read.Uid <= _checkpoint.LastUid)
        {
            return; // dealt with already (a call from a loop that was replaced)
        }

        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        string outcome;
        if (read.Email is not { } email)
        {
            outcome = read.Skipped ?? InboxCounters.Malformed;
            logger.LogWarning("Mailbox {MailboxId}: message UID {Uid} skipped ({Outcome}): {Detail}", Id, read.Uid, outcome, read.Detail);
        }
        else
        {
            foreach (var note in email.Notes)
            {
                Count(counted, note);
                logger.LogWarning("Mailbox {MailboxId}: message UID {Uid} ({MessageId}, {Size} bytes) is {Note}: {Handling}",
                    Id, read.Uid, email.MessageId, email.Size, note, note == InboundEmailParser.OversizedNote
                        ? "only its headers and text part were read"
                        : "its text was decoded as UTF-8 (else Latin-1)");
            }

            outcome = await ApplyOrSkipAsync(read.Uid, email);
        }

        Count(counted, outcome);
        var newest = read.InternalDate is { } date && (_checkpoint.NewestSeenAt is null || date > _checkpoint.NewestSeenAt) ? date : _checkpoint.NewestSeenAt;
        await sync.AdvanceAsync(Id, read.UidValidity, read.Uid, read.InternalDate, counted, Now);
        var counters = new Dictionary<string, long>(_checkpoint.Counters, StringComparer.Ordinal);
        foreach (var (key, value) in counted)
        {
            counters[key] = counters.GetValueOrDefault(key) + value;
        }

        _checkpoint = _checkpoint with { LastUid = read.Uid, NewestSeenAt = newest, Counters = counters };
        _applyFailures.Remove(read.Uid);
        foreach (var key in counted.Keys)
        {
            metrics.Message(key);
        }

        Signal("processed", outcome, null);
    }

    public async Task EndRoundAsync(long uidValidity, long? uidNextAtStart)
    {
        if (uidValidity == _checkpoint.UidValidity && _checkpoint.SinceFloor is not null && uidNextAtStart is long uidNext)
        {
            // Everything below UIDNEXT at the round's start was either read or older than the floor: from now on
            // the checkpoint alone says where new mail starts.
            await sync.FloorPassedAsync(Id, uidValidity, uidNext - 1, Now);
            _checkpoint = _checkpoint with { LastUid = Math.Max(_checkpoint.LastUid, uidNext - 1), SinceFloor = null };
        }

        var now = Now;
        await sync.RoundEndedAsync(Id, now);
        _checkpoint = _checkpoint with { LastSyncAt = now, LastError = null, Failures = 0 };
        metrics.Round(ok: true);
        await RelayPendingAsync();
        Signal("round-ended", null, null);
    }

    public async Task<TimeSpan> RoundFailedAsync(string error)
    {
        var failures = _checkpoint.Failures + 1;
        _checkpoint = _checkpoint with { LastError = error, Failures = failures };
        metrics.Round(ok: false);
        var delay = options.Value.RetryDelay(failures);
        logger.LogWarning("Mailbox {MailboxId}: reading its inbox failed ({Failures} in a row); next try in {Delay}: {Error}", Id, failures, delay, error);
        try
        {
            await sync.RoundFailedAsync(Id, error, Now);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("Mailbox {MailboxId}: the inbox error could not be recorded: {Error}", Id, e.Message);
        }

        Signal("round-failed", null, error);
        return delay;
    }

    public async Task StopReadingAsync()
    {
        _loop?.Cancel();
        _loop = null;
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        Signal("stopped", null, null);
        DeactivateOnIdle();
    }

    private void StartLoop()
    {
        if (_loop is { IsRunning: true })
        {
            return;
        }

        _loop = new MailboxReaderLoop(Id, GrainFactory, this.AsReference<IMailboxReaderGrain>(), options.Value, secrets, authenticator, clock, logger);
        _loop.Start();
    }

    /// <summary>Applies the message; what keeps failing while the database answers is skipped after a few tries.</summary>
    private async Task<string> ApplyOrSkipAsync(long uid, InboundEmail email)
    {
        try
        {
            return await ApplyAsync(email);
        }
        catch (Exception error) when (!IsOutage(error))
        {
            if (!await DatabaseAnswersAsync())
            {
                throw;
            }

            var tries = _applyFailures[uid] = _applyFailures.GetValueOrDefault(uid) + 1;
            if (tries < MaxApplyAttempts)
            {
                throw;
            }

            logger.LogError(error, "Mailbox {MailboxId}: message UID {Uid} ({MessageId}) failed to apply {Tries} times; skipped", Id, uid, email.MessageId, tries);
            return InboxCounters.Failed;
        }
    }

    /// <summary>Classifies, matches and applies one message; returns what became of it (an <see cref="InboxCounters"/> name).</summary>
    private async Task<string> ApplyAsync(InboundEmail email)
    {
        if (email.AutomationHeaders.ContainsKey(EmailHeaders.RelayOf.ToLowerInvariant()) || await matcher.IsOursAsync(email.MessageId))
        {
            return InboxCounters.Own;
        }

        var now = Now;
        var kind = InboundClassifier.Classify(email, DateOnly.FromDateTime(now.UtcDateTime));
        if (kind.Kind is null)
        {
            logger.LogInformation("Mailbox {MailboxId}: {MessageId} ignored: {Reason}", Id, email.MessageId, kind.IgnoredBecause);
            return InboxCounters.Ignored;
        }

        var match = await matcher.MatchAsync(Id, email, kind.FailedRecipient, now - options.Value.RecentRecipientWindow);
        if (match is null)
        {
            logger.LogInformation("Mailbox {MailboxId}: {MessageId} from {From} answers none of our emails", Id, email.MessageId, email.FromAddress);
            return InboxCounters.Unmatched;
        }

        var believed = match.Believes(email, kind);
        var entry = new InboxEntry(
            Id, email.MessageId, kind.Kind, email.FromAddress ?? "", email.FromName, email.Subject,
            QuotedText.Snippet(email.TextBody), email.TextBody, now, kind.ReturnDate, kind.BounceType, kind.BounceStatus,
            kind.FailedRecipient, Relay: believed && kind.Kind == EmailEventTypes.Reply, Authenticated: believed);
        var emailEvent = new EmailEvent($"inbound:{email.MessageId}", kind.Kind, now, kind.BounceType, Reason(kind));
        var result = await GrainFactory.GetGrain<IInboundEventGrain>(match.MessageId).ApplyInboundAsync(new InboundEvent(emailEvent, entry));
        if (!result.Known)
        {
            return InboxCounters.Unmatched;
        }

        if (result.Duplicate)
        {
            logger.LogInformation("Mailbox {MailboxId}: {MessageId} was applied before; not again", Id, email.MessageId);
            return InboxCounters.Duplicate;
        }

        if (!believed)
        {
            logger.LogWarning(
                "Mailbox {MailboxId}: {Kind} {MessageId} matched {Ours} by {How} but its sender is not authenticated: inbox message {InboxId}, marked so; nothing changed",
                Id, kind.Kind, email.MessageId, match.MessageId, match.How, result.InboxMessageId);
            return InboxCounters.Unauthenticated;
        }

        logger.LogInformation(
            "Mailbox {MailboxId}: {Kind} {MessageId} from {From} answers {Ours} (matched by {How}{Authentication}): inbox message {InboxId}, {Stopped} sequence(s) stopped, {Parked} parked",
            Id, kind.Kind, email.MessageId, email.FromAddress, match.MessageId, match.How,
            email.Authentication is { } authentication ? $", {authentication.Method} of {authentication.By}" : "",
            result.InboxMessageId, result.SequencesStopped, result.SequencesParked);
        return InboxCounters.Applied;
    }

    private async Task RelayPendingAsync()
    {
        try
        {
            var settings = await GrainFactory.GetGrain<IMailboxEngineGrain>(Id).GetSmtpSettingsAsync();
            await relay.SendPendingAsync(Id, settings);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Mailbox {MailboxId}: relaying replies failed ({Error}); they stay pending for the next read", Id, error.Message);
        }
    }

    private static string? Reason(InboundClassification kind) => kind switch
    {
        { Kind: EmailEventTypes.Bounce } => $"{kind.BounceStatus ?? "failed"} ({kind.BounceType} bounce, delivery status notification{(kind.Diagnostic is null ? "" : $": {kind.Diagnostic}")})",
        { Kind: EmailEventTypes.AutoReply, ReturnDate: { } back } => $"out of office until {back:yyyy-MM-dd}",
        { Kind: EmailEventTypes.AutoReply } => "automatic reply",
        { Kind: EmailEventTypes.Unsubscribe } => "asked by reply to be removed",
        _ => null,
    };

    /// <summary>Failures of the infrastructure (database, cluster, network, time): the round fails and is retried, the message is never skipped.</summary>
    private static bool IsOutage(Exception error) => error switch
    {
        PostgresException postgres => postgres.SqlState is ['0', '8', ..] or ['5', '3' or '7', ..] or ['4', '0', ..],
        NpgsqlException or TimeoutException or OperationCanceledException or OrleansException or IOException or SocketException => true,
        _ => error.InnerException is { } inner && IsOutage(inner),
    };

    private async Task<bool> DatabaseAnswersAsync()
    {
        try
        {
            await db.ScalarAsync("SELECT 1");
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or SocketException)
        {
            return false;
        }
    }

    private void Signal(string what, string? outcome, string? error) => signals.Publish(new InboxReaderSignal(
        Id, what, _round, _checkpoint.UidValidity, _checkpoint.LastUid, outcome, error, _checkpoint.Counters));

    private static void Count(Dictionary<string, long> counted, string key) => counted[key] = counted.GetValueOrDefault(key) + 1;
}
