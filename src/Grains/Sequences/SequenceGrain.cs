using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoleFerry.Actors;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// One enrolled contact's sequence. Each step is a one-shot reminder <c>delayHours</c> after the previous send;
/// when it fires the step is checked (stop conditions, sending window, mailbox, quota), claimed in the database,
/// then sent. A claimed step whose outcome is unknown after a crash is failed, never resent (DESIGN §4.1).
/// </summary>
[GrainType("sequence")]
public sealed class SequenceGrain(
    IPersistentState<SequenceState> state,
    SequenceOutreachStore store,
    IMailTransport transport,
    EmailComposer composer,
    IOptions<EmailOptions> emailOptions,
    ILogger<SequenceGrain> logger) : Grain, ISequenceGrain, IRemindable
{
    private const string StepReminder = "step";

    /// <summary>A preferred mailbox free again within this time is waited for, to keep the thread on one sender.</summary>
    private static readonly TimeSpan WaitForPreferredMailbox = TimeSpan.FromHours(1);

    private long Id => GetPrimaryKeyLong();

    private SequenceState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.RecordExists
            ? Task.CompletedTask
            : throw new KeyNotFoundException($"Sequence instance {Id} does not exist.");

    public async Task<SequenceView> StartAsync()
    {
        if (S.Status == SequenceStatuses.Active && S.NextStepDueAt is null && S.CurrentStep == 1)
        {
            await ScheduleStepAsync(S.EnrolledAt + Hours(S.Step(1).DelayHours));
        }

        return await GetAsync();
    }

    public async Task<SequenceView> GetAsync() =>
        new(Id, S.UserId, S.ApplicationId, S.ContactId, S.Status, S.MailboxId, await store.LoadStepsAsync(Id));

    public async Task<SequenceView> PauseAsync()
    {
        if (S.Status == SequenceStatuses.Active)
        {
            await UnregisterReminder(StepReminder);
            S.Status = SequenceStatuses.Paused;
            S.PausedAt = TimeProvider.GetUtcNow();
            await state.WriteStateAsync();
        }

        return await GetAsync();
    }

    public async Task<SequenceView> ResumeAsync()
    {
        if (S.Status == SequenceStatuses.Paused)
        {
            var now = TimeProvider.GetUtcNow();
            S.Status = SequenceStatuses.Active;
            S.PausedAt = null;
            await ScheduleStepAsync(S.NextStepDueAt is { } due && due > now ? due : now);
        }

        return await GetAsync();
    }

    public async Task<SequenceView> StopAsync(string status, string reason)
    {
        if (!SequenceStatuses.IsFinal(status) || status == SequenceStatuses.Completed)
        {
            throw new ArgumentException($"'{status}' is not a stop status.", nameof(status));
        }

        if (!SequenceStatuses.IsFinal(S.Status))
        {
            await FinishAsync(status, reason);
        }

        return await GetAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == StepReminder)
        {
            await SendDueStepAsync();
        }
    }

    private async Task SendDueStepAsync()
    {
        var context = await LoadFreshContextAsync();
        if (context is null || S.Status != SequenceStatuses.Active)
        {
            return;
        }

        if (await SettlePastClaimAsync(context))
        {
            return;
        }

        if (context.StopCondition() is { } stop)
        {
            await FinishAsync(stop.Status, stop.Reason);
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var window = SendingWindow.Parse(S.Template.SendingWindow);
        var opening = window.NextOpening(now, SendingWindow.ResolveZone(context.ContactTimezone ?? S.Timezone, context.UserTimezone));
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

        var mailbox = GrainFactory.GetGrain<IMailboxGrain>(mailboxId);
        if (!await GrainFactory.GetGrain<IUserGrain>(S.UserId).TryConsumeSendAsync())
        {
            await mailbox.ReleaseAsync(reservation.ReservationId);
            await ScheduleStepAsync(NextUtcMidnight(now));
            return;
        }

        await SendAsync(context, mailbox, mailboxId, reservation.ReservationId);
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

    private async Task SendAsync(StepContext context, IMailboxGrain mailbox, long mailboxId, long reservationId)
    {
        var step = S.Step(S.CurrentStep);
        var settings = await mailbox.GetSmtpSettingsAsync();
        var email = composer.Compose(new ComposeRequest(
            context.OutreachId,
            settings.FromEmail,
            context.ContactEmail,
            context.UserEmail,
            context.UserFullName,
            TemplateRenderer.Render(step.Subject, S.Variables),
            TemplateRenderer.Render(step.Body, S.Variables),
            TemplateRenderer.RenderHtml(step.Body, S.Variables)));
        var claim = new StepClaim(mailboxId, context.ContactEmail, email.Subject, email.TextBody, email.HtmlBody, email.MessageId);
        var claimed = await store.ClaimAsync(Id, S.CurrentStep, claim, TimeProvider.GetUtcNow());
        if (claimed is not long outreachId)
        {
            await mailbox.ReleaseAsync(reservationId);
            var latest = await LoadFreshContextAsync();
            if (latest?.StopCondition() is { } stop && !SequenceStatuses.IsFinal(S.Status))
            {
                await FinishAsync(stop.Status, stop.Reason);
            }

            return;
        }

        var outcome = await transport.SendAsync(settings, email, CancellationToken.None);
        await HandleOutcomeAsync(outcome, mailbox, mailboxId, reservationId, outreachId, context.OutreachAttempts + 1);
    }

    private async Task HandleOutcomeAsync(SendOutcome outcome, IMailboxGrain mailbox, long mailboxId, long reservationId, long outreachId, int attempts)
    {
        var now = TimeProvider.GetUtcNow();
        switch (outcome.Kind)
        {
            case SendOutcomeKind.Sent:
                await store.MarkSentAsync(outreachId, now);
                await mailbox.RecordSentAsync(reservationId);
                S.MailboxId ??= mailboxId;
                await AdvanceAsync(now);
                break;
            case SendOutcomeKind.TransientFailure when attempts < emailOptions.Value.MaxSmtpAttempts:
                await mailbox.ReleaseAsync(reservationId);
                var retryAt = now + (emailOptions.Value.RetryBaseDelay * Math.Pow(2, attempts - 1));
                await store.MarkRetryAsync(outreachId, outcome.Message, retryAt);
                await ScheduleStepAsync(retryAt);
                break;
            case SendOutcomeKind.TransientFailure:
                await mailbox.ReleaseAsync(reservationId);
                await store.MarkFailedAsync(Id, S.CurrentStep, $"SMTP failed {attempts} times: {outcome.Message}");
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep}: SMTP kept failing");
                break;
            case SendOutcomeKind.PermanentFailure when outcome.IsHardBounce:
                await store.MarkHardBounceAsync(outreachId, outcome.Message, now);
                await mailbox.RecordBounceAsync(reservationId);
                await FinishAsync(SequenceStatuses.StoppedBounce, $"step {S.CurrentStep}: hard bounce");
                break;
            default:
                await store.MarkFailedAsync(Id, S.CurrentStep, outcome.Message);
                await FinishAsync(SequenceStatuses.Failed, $"step {S.CurrentStep}: {outcome.Message}");
                break;
        }
    }

    /// <summary>After step N left at <paramref name="sentAt"/>: schedule step N+1 or complete.</summary>
    private async Task AdvanceAsync(DateTimeOffset sentAt)
    {
        if (S.CurrentStep >= S.TotalSteps)
        {
            S.Status = SequenceStatuses.Completed;
            S.StoppedAt = TimeProvider.GetUtcNow();
            S.NextStepDueAt = null;
            await state.WriteStateAsync();
            return;
        }

        S.CurrentStep++;
        await ScheduleStepAsync(sentAt + Hours(S.Step(S.CurrentStep).DelayHours));
    }

    /// <summary>The reminder is registered before the state is written, so a crash in between never loses the step.</summary>
    private async Task ScheduleStepAsync(DateTimeOffset dueAt)
    {
        await RegisterOneShotReminder(StepReminder, dueAt);
        await store.ScheduleAsync(Id, S.CurrentStep, dueAt);
        S.NextStepDueAt = dueAt;
        await state.WriteStateAsync();
    }

    private async Task FinishAsync(string status, string reason)
    {
        await UnregisterReminder(StepReminder);
        await store.CancelRemainingAsync(Id);
        S.Status = status;
        S.StopReason = reason;
        S.StoppedAt = TimeProvider.GetUtcNow();
        S.NextStepDueAt = null;
        await state.WriteStateAsync();
        logger.LogInformation("Sequence {Id} {Status}: {Reason}", Id, status, reason);
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
            var result = await GrainFactory.GetGrain<IMailboxGrain>(preferred).TryReserveAsync(Id, S.CurrentStep);
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

        var pool = GrainFactory.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey);
        while (true)
        {
            var pick = await pool.PickAsync(excluded);
            if (pick.MailboxId is not long candidate)
            {
                return new MailboxReservation(null, 0, Earliest(earliest, pick.RetryAt));
            }

            var result = await GrainFactory.GetGrain<IMailboxGrain>(candidate).TryReserveAsync(Id, S.CurrentStep);
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
