using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Templates;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Users;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// One enrolled contact's sequence. The current step's due time lives in the row (<see cref="SequenceState.NextStepDueAt"/>);
/// a reminder whose first tick is that time and whose period is short (<see cref="SequenceOptions.WakeUpPeriod"/>)
/// wakes the grain, and every tick sends what is due and nothing that is not. A due step is checked (stop
/// conditions, sending window, mailbox, quota), claimed in the database, then sent. A claimed step whose outcome
/// is unknown after a crash is failed, never resent (DESIGN §4.1). The reminder goes when nothing is left to send.
/// Placed at random: sequences are many and do the sending, so their work spreads over every silo of the cluster.
/// </summary>
[GrainType("sequence")]
[RandomPlacement]
public sealed partial class SequenceGrain(
    [PersistentState("sequence", SequenceStorage.Name)] IPersistentState<SequenceState> state,
    SequenceOutreachStore store,
    IMailTransport transport,
    EmailComposer composer,
    IOptions<EmailOptions> emailOptions,
    IOptions<SequenceOptions> options,
    OutreachMetrics metrics,
    SequenceThreadStore threads,
    SendGate gate,
    SentStepWriter sentSteps,
    TimeProvider clock,
    ILogger<SequenceGrain> logger) : Grain, ISequenceGrain, ISequenceEngineGrain, IRemindable
{
    public const string WakeUpReminder = "wake-up";

    /// <summary>A preferred mailbox free again within this time is waited for, to keep the thread on one sender.</summary>
    private static readonly TimeSpan WaitForPreferredMailbox = TimeSpan.FromHours(1);

    /// <summary>The wake-up reminder as this activation registered or found it; null when there is none.</summary>
    private IGrainReminder? _wakeUp;

    /// <summary>The due time <see cref="_wakeUp"/> was registered for by this activation (unknown after activation).</summary>
    private DateTimeOffset? _wakeUpAt;

    /// <summary>
    /// What SMTP answered for a claimed step whose recording failed (the database was unreachable right after the
    /// send): the next wake-up records it, instead of failing a step this activation knows the outcome of.
    /// </summary>
    private UnrecordedOutcome? _unrecorded;

    private long Id => this.GetPrimaryKeyLong();

    private SequenceState S => state.State;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// No reminder lookup here: every path that makes a step due registers the reminder before it writes the rows,
    /// so a live sequence has one, and a wake-up of a finished sequence removes its own (one read less per step).
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.RecordExists ? Task.CompletedTask : throw new KeyNotFoundException($"Sequence instance {Id} does not exist.");

    public async Task<SequenceView> StartAsync()
    {
        if (S.Status == SequenceStatuses.Active && S.NextStepDueAt is null && S.CurrentStep == 1)
        {
            await ScheduleStepAsync(S.EnrolledAt + Hours(S.Step(1).DelayHours));
            SendSoonIfDue();
        }

        return await GetAsync();
    }

    public async Task<SequenceView> GetAsync() =>
        new(Id, S.UserId, S.ApplicationId, S.ContactId, S.Status, S.MailboxId, await store.LoadStepsAsync(Id), ParkedUntil);

    public async Task<SequenceView> PauseAsync()
    {
        if (S.Status is SequenceStatuses.Active or SequenceStatuses.Parked)
        {
            S.Status = SequenceStatuses.Paused;
            S.PausedAt = Now;
            S.ResumeAt = null;
            await state.WriteStateAsync();
            await ForgetWakeUpAsync();
        }

        return await GetAsync();
    }

    public async Task<SequenceView> ResumeAsync()
    {
        if (S.Status == SequenceStatuses.Parked)
        {
            return await ResumeParkedNowAsync();
        }

        if (S.Status == SequenceStatuses.Paused)
        {
            var now = Now;
            S.Status = SequenceStatuses.Active;
            S.PausedAt = null;
            await ScheduleStepAsync(S.NextStepDueAt is { } due && due > now ? due : now);
            SendSoonIfDue();
        }

        return await GetAsync();
    }

    public async Task<SequenceView> StopAsync(string status, string reason)
    {
        await RequestStopAsync(status, reason);
        return await GetAsync();
    }

    public async Task RequestStopAsync(string status, string reason)
    {
        if (!SequenceStatuses.IsFinal(status) || status == SequenceStatuses.Completed)
        {
            throw new ArgumentException($"'{status}' is not a stop status.", nameof(status));
        }

        if (!SequenceStatuses.IsFinal(S.Status))
        {
            await FinishAsync(status, reason);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WakeUpReminder)
        {
            await gate.RunOrQueueAsync(Id, SendDueStepAsync);
        }
    }

    /// <summary>
    /// What a wake-up does: nothing unless the current step is due (a wake-up can come early, twice, or late);
    /// a due step goes through the window, the mailbox and the quota, then is claimed and sent. Called in a turn of
    /// the <see cref="SendGate"/>: taken by the wake-up, or by the gate for a wake-up that found none free. The
    /// activation then leaves memory unless its next wake-up is near (<see cref="SequenceOptions.KeepActiveWithin"/>).
    /// </summary>
    public async Task SendDueStepAsync()
    {
        await SendIfDueAsync();
        if (!SleepsWithin(options.Value.KeepActiveWithin))
        {
            DeactivateOnIdle();
        }
    }

    private async Task SendIfDueAsync()
    {
        var context = await LoadFreshContextAsync();
        if (context is not null && S.Status == SequenceStatuses.Parked && !await UnparkIfBackAsync())
        {
            return;
        }

        if (context is null || S.Status != SequenceStatuses.Active)
        {
            await ForgetWakeUpAsync();
            return;
        }

        var now = Now;
        logger.LogDebug("Sequence {Id} woke at {Now:O}: step {Step} due at {Due:O}", Id, now, S.CurrentStep, S.NextStepDueAt);
        if (S.NextStepDueAt is not { } due)
        {
            await ScheduleStepAsync(now);
            return;
        }

        if (due > now)
        {
            await WakeUpAtAsync(due);
            return;
        }

        if (_unrecorded is { } unrecorded && context.OutreachStatus == "sending" && context.OutreachId == unrecorded.OutreachId)
        {
            _unrecorded = null;
            await HandleOutcomeAsync(unrecorded);
            return;
        }

        if (await SettlePastClaimAsync(context))
        {
            return;
        }

        if (context.StopCondition() is { } stop)
        {
            await StopBeforeSendAsync(context, stop);
            return;
        }

        var window = SendingWindow.Parse(S.Template.SendingWindow);
        var opening = window.NextOpening(now, SendingWindow.ResolveZone(context.ContactTimezone, context.UserTimezone ?? S.Timezone));
        if (opening > now)
        {
            await ScheduleStepAsync(opening);
            return;
        }

        var reservation = await ReserveMailboxAsync(now);
        if (reservation.MailboxId is not long mailboxId)
        {
            await ScheduleStepAsync(reservation.RetryAt ?? now.AddHours(1));
            return;
        }

        var mailbox = GrainFactory.GetGrain<IMailboxEngineGrain>(mailboxId);
        var user = GrainFactory.GetGrain<IUserEngineGrain>(S.UserId);
        if (!await user.TryConsumeSendAsync())
        {
            await mailbox.ReleaseAsync(reservation.ReservationId);
            await ScheduleStepAsync(NextUtcMidnight(now));
            return;
        }

        await SendAsync(context, mailbox, user, mailboxId, reservation.ReservationId);
    }

    /// <summary>Reloads the state when someone else changed the row (API cancel, deletion) and reads the step's context.</summary>
    private async Task<StepContext?> LoadFreshContextAsync()
    {
        var context = await store.LoadContextAsync(Id, S.CurrentStep);
        if (context is not null && context.InstanceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) != state.Etag)
        {
            await state.ReadStateAsync();
            context = await store.LoadContextAsync(Id, S.CurrentStep);
        }

        return context;
    }

    /// <summary>Handles a step that was claimed before this tick (a crash or a lost completion); true when handled.</summary>
    private async Task<bool> SettlePastClaimAsync(StepContext context)
    {
        switch (context.OutreachStatus)
        {
            case "scheduled":
                return false;
            case "sending":
                logger.LogWarning("Sequence {Id} step {Step}: claimed before a crash, outcome unknown; not resent", Id, S.CurrentStep);
                metrics.RecordSendFailure(SendFailureKinds.OutcomeUnknown);
                await store.MarkFailedAsync(Id, S.CurrentStep, "outcome unknown: the silo stopped between claim and SMTP; not resent");
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep}: outcome unknown after a crash");
                return true;
            case "sent" or "delivered" or "replied" or "bounced" when context.OutreachSentAt is { } sentAt:
                await AdvanceAsync(sentAt);
                return true;
            default:
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep} is {context.OutreachStatus ?? "missing"}");
                return true;
        }
    }

    private async Task SendAsync(StepContext context, IMailboxEngineGrain mailbox, IUserEngineGrain user, long mailboxId, long reservationId)
    {
        var step = S.Step(S.CurrentStep);
        var settings = await mailbox.GetSmtpSettingsAsync();
        var thread = await LoadThreadAsync();
        var email = composer.Compose(new ComposeRequest(
            context.OutreachId,
            settings.FromEmail,
            context.ContactEmail,
            context.UserEmail,
            context.UserFullName,
            SubjectOf(step, thread),
            TemplateRenderer.Render(step.Body, S.Variables),
            TemplateRenderer.RenderHtml(step.Body, S.Variables),
            TrackOpens: S.Template.TrackOpens,
            TrackClicks: S.Template.TrackClicks));
        email = InThread(email, thread, settings);
        var claim = new StepClaim(mailboxId, context.ContactEmail, email.Subject, email.TextBody, email.HtmlBody, email.MessageId);
        var claimed = await store.ClaimAsync(Id, S.CurrentStep, claim, Now);
        if (claimed is not long outreachId)
        {
            await mailbox.ReleaseAsync(reservationId);
            await user.ReleaseSendAsync();
            var latest = await LoadFreshContextAsync();
            if (latest?.StopCondition() is { } stop && !SequenceStatuses.IsFinal(S.Status))
            {
                await StopBeforeSendAsync(latest, stop);
            }

            return;
        }

        metrics.RecordStepClaimed(S.NextStepDueAt, Now);
        var outcome = await transport.SendAsync(settings, email, CancellationToken.None);
        metrics.RecordSendOutcome(outcome);
        var result = new UnrecordedOutcome(outcome, mailboxId, reservationId, outreachId, context.OutreachAttempts + 1, Now);
        try
        {
            await HandleOutcomeAsync(result);
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException)
        {
            _unrecorded = result;
            logger.LogWarning(error, "Sequence {Id} step {Step}: SMTP answered {Kind} but it could not be recorded; the next wake-up records it", Id, S.CurrentStep, outcome.Kind);
            throw;
        }
    }

    private async Task HandleOutcomeAsync(UnrecordedOutcome result)
    {
        var (outcome, mailboxId, reservationId, outreachId, attempts, at) = result;
        var mailbox = GrainFactory.GetGrain<IMailboxEngineGrain>(mailboxId);
        var user = GrainFactory.GetGrain<IUserEngineGrain>(S.UserId);
        switch (outcome.Kind)
        {
            case SendOutcomeKind.Sent:
                // The send's rows (step, contact, reservation, next step's due time) in one batch shared with the
                // steps sent at the same time; the wake-up that brought this step keeps ticking until AdvanceAsync
                // moves it, so a crash in between settles it.
                await sentSteps.RecordAsync(new SentStep(outreachId, mailboxId, reservationId, at, Id, S.CurrentStep + 1, NextStepDueAt(at)));
                S.MailboxId ??= mailboxId;
                await AdvanceAsync(at, nextStepRowScheduled: true);
                break;
            case SendOutcomeKind.TransientFailure when attempts < emailOptions.Value.MaxSmtpAttempts:
                await mailbox.ReleaseAsync(reservationId);
                await user.ReleaseSendAsync();
                var retryAt = at + emailOptions.Value.RetryDelay(attempts);
                await store.MarkRetryAsync(outreachId, outcome.Message, retryAt);
                await ScheduleStepAsync(retryAt);
                break;
            case SendOutcomeKind.TransientFailure:
                await mailbox.ReleaseAsync(reservationId);
                await user.ReleaseSendAsync();
                await store.MarkFailedAsync(Id, S.CurrentStep, $"SMTP failed {attempts} times: {outcome.Message}");
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep}: SMTP kept failing");
                break;
            case SendOutcomeKind.MailboxRefused:
                // The mailbox's configuration, not the step: the step waits without using up an attempt (a mailbox that
                // keeps refusing pauses itself and another one is picked) and the mailbox shows why.
                await mailbox.ReleaseAsync(reservationId);
                await user.ReleaseSendAsync();
                await mailbox.RecordLoginRefusedAsync(outcome.Message);
                var waitUntil = at + emailOptions.Value.RetryBaseDelay;
                await store.MarkRetryAsync(outreachId, outcome.Message, waitUntil, countAttempt: false);
                await ScheduleStepAsync(waitUntil);
                break;
            case SendOutcomeKind.PermanentFailure when outcome.IsHardBounce:
                await store.MarkHardBounceAsync(outreachId, outcome.Message, at);
                await mailbox.RecordBounceAsync(reservationId);
                await FinishAsync(SequenceStatuses.StoppedBounce, $"step {S.CurrentStep}: hard bounce");
                break;
            default:
                await store.MarkFailedAsync(Id, S.CurrentStep, outcome.Message);
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep}: {outcome.Message}");
                break;
        }
    }

    /// <summary>
    /// After step N left at <paramref name="sentAt"/>: schedule step N+1 (its row too, unless the send's batch
    /// already did) or complete.
    /// </summary>
    private async Task AdvanceAsync(DateTimeOffset sentAt, bool nextStepRowScheduled = false)
    {
        if (NextStepDueAt(sentAt) is not { } due)
        {
            S.Status = SequenceStatuses.Completed;
            S.StoppedAt = Now;
            S.NextStepDueAt = null;
            await state.WriteStateAsync();
            await ForgetWakeUpAsync();
            return;
        }

        S.CurrentStep++;
        await ScheduleStepAsync(due, nextStepRowScheduled);
    }

    /// <summary>When step N+1 is due after step N left at <paramref name="sentAt"/>; null after the last step.</summary>
    private DateTimeOffset? NextStepDueAt(DateTimeOffset sentAt) =>
        S.CurrentStep < S.TotalSteps ? sentAt + Hours(S.Step(S.CurrentStep + 1).DelayHours) : null;

    /// <summary>
    /// The current step is due at <paramref name="dueAt"/>: the reminder first, then the rows. A crash in between
    /// leaves a reminder that wakes the grain early (it finds nothing due, or settles the step), never a step that
    /// nothing wakes.
    /// </summary>
    private async Task ScheduleStepAsync(DateTimeOffset dueAt, bool rowScheduled = false)
    {
        await WakeUpAtAsync(dueAt);
        if (!rowScheduled)
        {
            await store.ScheduleAsync(Id, S.CurrentStep, dueAt);
        }

        S.NextStepDueAt = dueAt;
        await state.WriteStateAsync();
    }

    private async Task FinishAsync(string status, string reason)
    {
        await store.CancelRemainingAsync(Id);
        S.Status = status;
        S.StopReason = reason;
        S.StoppedAt = Now;
        S.NextStepDueAt = null;
        S.ResumeAt = null;
        await state.WriteStateAsync();
        await ForgetWakeUpAsync();
        logger.LogInformation("Sequence {Id} {Status}: {Reason}", Id, status, reason);
    }

    /// <summary>
    /// A step due already when a caller schedules it (enrollment with no delay, a resume) is started right after
    /// this turn by a one-shot grain timer instead of waiting for the reminder service; the reminder stays as the
    /// durable wake-up, and whichever comes second finds nothing due.
    /// </summary>
    private void SendSoonIfDue()
    {
        if (S.NextStepDueAt is { } due && due <= Now)
        {
            _ = this.RegisterGrainTimer(() => gate.RunOrQueueAsync(Id, SendDueStepAsync), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>
    /// True when this activation knows its sequence wakes up again within <paramref name="span"/>: active or parked
    /// with a wake-up registered for then. False when nothing will wake it (finished, paused), when the wake-up is
    /// later, or when this activation does not know when it is (its reminder, still registered, activates it again).
    /// </summary>
    private bool SleepsWithin(TimeSpan span) =>
        S.Status is SequenceStatuses.Active or SequenceStatuses.Parked && _wakeUpAt is { } wakeUp && wakeUp - Now <= span;

    /// <summary>Makes the wake-up reminder's first tick <paramref name="dueAt"/> (now when it is past); registers only when that changes.</summary>
    private async Task WakeUpAtAsync(DateTimeOffset dueAt)
    {
        if (_wakeUp is not null && _wakeUpAt == dueAt)
        {
            return;
        }

        var now = Now;
        logger.LogDebug("Sequence {Id} wakes up at {Due:O} (now {Now:O})", Id, dueAt, now);
        _wakeUp = await this.RegisterOrUpdateReminder(WakeUpReminder, dueAt > now ? dueAt - now : TimeSpan.Zero, options.Value.WakeUpPeriod);
        _wakeUpAt = dueAt;
    }

    /// <summary>Nothing is left to send: the reminder goes, or Orleans would tick it forever.</summary>
    private async Task ForgetWakeUpAsync()
    {
        _wakeUp ??= await this.GetReminder(WakeUpReminder);
        if (_wakeUp is not null)
        {
            await this.UnregisterReminder(_wakeUp);
            _wakeUp = null;
            _wakeUpAt = null;
        }
    }

    /// <summary>
    /// Step 1's mailbox while it is eligible (or free again soon); else the pool's least-loaded eligible one.
    /// None eligible: the earliest time one may be.
    /// </summary>
    private async Task<MailboxReservation> ReserveMailboxAsync(DateTimeOffset now)
    {
        var excluded = new List<long>();
        DateTimeOffset? earliest = null;
        if (S.MailboxId is long preferred)
        {
            var result = await GrainFactory.GetGrain<IMailboxEngineGrain>(preferred).TryReserveAsync(Id, S.CurrentStep);
            if (result.Granted)
            {
                return new MailboxReservation(preferred, result.ReservationId, null);
            }

            if (result.RetryAt is { } soon && soon - now <= WaitForPreferredMailbox)
            {
                return new MailboxReservation(null, 0, soon);
            }

            excluded.Add(preferred);
            earliest = result.RetryAt;
        }

        var pool = GrainFactory.GetGrain<IMailboxPoolEngineGrain>(IMailboxPoolGrain.PlatformKey);
        while (true)
        {
            var pick = await pool.PickAsync(excluded);
            if (pick.MailboxId is not long candidate)
            {
                return new MailboxReservation(null, 0, Earliest(earliest, pick.RetryAt));
            }

            var result = await GrainFactory.GetGrain<IMailboxEngineGrain>(candidate).TryReserveAsync(Id, S.CurrentStep);
            if (result.Granted)
            {
                return new MailboxReservation(candidate, result.ReservationId, null);
            }

            excluded.Add(candidate);
            earliest = Earliest(earliest, result.RetryAt);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset NextUtcMidnight(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}
