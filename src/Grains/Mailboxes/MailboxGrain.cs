using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Notifications;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Telemetry;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// One sending mailbox (key: mailboxes.id). Cap, gap and health are decided in memory by <see cref="MailboxRules"/>;
/// a reservation is committed (its row and the counter, one transaction, version-checked) before it is granted,
/// and on activation today's count is recounted from those rows, so no crash or second silo can exceed the cap.
/// sent_today rolls over lazily at 00:00 UTC. Health is recomputed from the last 7 days of reservations on every
/// bounce or spam report, on pause / resume / activate, and every <see cref="MailboxOptions.HealthRecalculationInterval"/>
/// by a durable reminder; each computation writes a health log row.
/// </summary>
[GrainType("mailbox")]
public sealed partial class MailboxGrain(
    [PersistentState("mailbox", MailboxStorage.Name)] IPersistentState<MailboxState> state,
    MailboxReservationStore reservations,
    MailboxGapJitter jitter,
    SecretProtector secrets,
    IOptions<MailboxOptions> options,
    MailboxMetrics metrics,
    MailboxSettingsStore settingsStore,
    NotificationStore notifications,
    TimeProvider clock) : Grain, IMailboxGrain, IMailboxEngineGrain, IRemindable
{
    public const string HealthReminderName = "health-check";
    private const string InstanceStepKey = "mailbox_reservations_instance_step_key";

    private readonly MailboxOptions _options = options.Value;

    /// <summary>Extra gap drawn after the last grant; in memory only (a reactivated mailbox keeps the plain minimum gap).</summary>
    private TimeSpan _gapJitter = TimeSpan.Zero;

    private long Id => this.GetPrimaryKeyLong();

    private MailboxState State => state.State;

    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            await EnsureHealthReminderAsync();
            StartReaderIfRead();
        }
    }

    /// <summary>
    /// Grants one send if the mailbox is eligible, committing the reservation first. Idempotent per sequence step:
    /// a step with a live reservation of today (or one already sent) on this mailbox gets it back, even at the cap;
    /// an unsent one of an earlier day (its sender gave up) moves to today, counting against today's cap; a live
    /// reservation on another mailbox is refused with no retry time (that mailbox holds the step).
    /// </summary>
    public async Task<ReservationResult> TryReserveAsync(long sequenceInstanceId, int stepNo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceInstanceId, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepNo, 1);
        await EnsureExistsAsync();
        var now = Now;
        RollOver(now);
        var verdict = Evaluate(now);
        var refusal = verdict.Eligible ? null : ReservationResult.Refuse(verdict.Reason!, verdict.NextEligibleAt);
        if (refusal is not null)
        {
            var existing = await reservations.FindLiveAsync(sequenceInstanceId, stepNo);
            NotifyPool(now);
            return metrics.RecordIfRefused(Kept(existing) ?? HeldElsewhere(existing, sequenceInstanceId, stepNo) ?? refusal);
        }

        try
        {
            return await ReserveAsync(now, sequenceInstanceId, stepNo, carriedOver: null);
        }
        catch (Exception error) when (StorageError(error) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InstanceStepKey })
        {
            var existing = await reservations.FindLiveAsync(sequenceInstanceId, stepNo);
            if (existing is null)
            {
                return metrics.RecordIfRefused(ReservationResult.Refuse("the step's reservation changed meanwhile; try again", now));
            }

            return metrics.RecordIfRefused(Kept(existing)
                ?? HeldElsewhere(existing, sequenceInstanceId, stepNo)
                ?? await ReserveAsync(now, sequenceInstanceId, stepNo, carriedOver: existing));
        }
    }

    public async Task ReleaseAsync(long reservationId)
    {
        await EnsureExistsAsync();
        var reservation = await reservations.GetAsync(Id, reservationId) ?? throw UnknownReservation(reservationId);
        if (reservation.Released)
        {
            return;
        }

        var now = Now;
        RollOver(now);
        var next = State.Copy();
        if (reservation.Day == next.SentDay)
        {
            next.SentToday = Math.Max(0, next.SentToday - 1);
        }

        next.Release = new PendingRelease(reservationId, Id, now);
        await WriteAsync(next);
        NotifyPool(now);
    }

    public async Task RecordBounceAsync(long reservationId)
    {
        await EnsureExistsAsync();
        switch (await reservations.StampBounceAsync(Id, reservationId, Now))
        {
            case ReservationStamp.NotFound:
                throw UnknownReservation(reservationId);
            case ReservationStamp.Stamped:
                await ChangeAsync($"bounce of reservation {reservationId}", change: null);
                break;
        }
    }

    public async Task RecordSpamAsync(long reservationId)
    {
        await EnsureExistsAsync();
        switch (await reservations.StampSpamAsync(Id, reservationId, Now))
        {
            case ReservationStamp.NotFound:
                throw UnknownReservation(reservationId);
            case ReservationStamp.Stamped:
                await ChangeAsync($"spam report on reservation {reservationId}", change: null);
                break;
        }
    }

    public async Task<MailboxSnapshot> GetAsync()
    {
        await EnsureExistsAsync();
        var now = Now;
        RollOver(now);
        return Snapshot(now);
    }

    public async Task<SmtpSettings> GetSmtpSettingsAsync()
    {
        await EnsureExistsAsync();
        return new SmtpSettings(State.Email, State.SmtpHost, State.SmtpPort, State.SmtpUsername, SecretProtector.Sealed(State.SmtpPasswordEncrypted), State.UseTls,
            RepliesReadByRoleFerry: State.ImapHost is not null);
    }

    public async Task<MailboxSnapshot> PauseAsync(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A pause needs a reason.", nameof(reason));
        }

        await EnsureExistsAsync();
        var why = reason.Trim();
        return await ChangeAsync($"paused: {why}", s =>
        {
            s.Status = MailboxStatuses.Paused;
            s.PausedReason = why;
        });
    }

    /// <summary>
    /// Back to warm-up (when enabled) or active; the health rules then apply as after any check, so an unhealthy
    /// mailbox stays paused ("health below 50") and a warm-up that is complete is promoted.
    /// </summary>
    public async Task<MailboxSnapshot> ResumeAsync()
    {
        await EnsureExistsAsync();
        if (State.Status != MailboxStatuses.Paused)
        {
            return await GetAsync();
        }

        ForgetLoginRefusals();
        return await ChangeAsync("resumed", s =>
        {
            s.Status = s.WarmupEnabled && s.WarmupStartedAt is not null ? MailboxStatuses.Warmup : MailboxStatuses.Active;
            s.PausedReason = null;
        });
    }

    /// <summary>Skips warm-up for good (warm-up disabled, full daily cap). A paused mailbox stays paused until resumed.</summary>
    public async Task<MailboxSnapshot> ActivateAsync()
    {
        await EnsureExistsAsync();
        if (!State.WarmupEnabled && State.Status != MailboxStatuses.Warmup)
        {
            return await GetAsync();
        }

        return await ChangeAsync("activated: warm-up skipped", s =>
        {
            s.WarmupEnabled = false;
            if (s.Status == MailboxStatuses.Warmup)
            {
                s.Status = MailboxStatuses.Active;
            }
        });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HealthReminderName)
        {
            return;
        }

        if (!state.RecordExists)
        {
            await state.ReadStateAsync();
            if (!state.RecordExists)
            {
                if (await this.GetReminder(HealthReminderName) is { } orphan)
                {
                    await this.UnregisterReminder(orphan);
                }

                DeactivateOnIdle();
                return;
            }
        }

        await ChangeAsync("scheduled health check", change: null);
    }

    /// <summary>
    /// Recomputes health from the last 7 days, applies <paramref name="change"/> and the health rules (pause below
    /// PauseBelowHealth, promote a complete warm-up), writes the row with a health log row, tells the pool.
    /// </summary>
    private async Task<MailboxSnapshot> ChangeAsync(string trigger, Action<MailboxState>? change)
    {
        var now = Now;
        RollOver(now);
        var counts = await reservations.CountWindowAsync(Id, now - MailboxRules.HealthWindow);
        var health = MailboxRules.Health(counts, State.WarmupStartedAt, now, _options);
        var next = State.Copy();
        change?.Invoke(next);
        next.HealthScore = health.Score;
        next.HealthCheckedAt = now;
        var pausedBefore = next.Status == MailboxStatuses.Paused;
        var reason = ApplyHealthRules(next, now, trigger);
        next.NewHealthLog = new PendingHealthLog(health, next.Status, reason, now);
        await WriteAsync(next);
        NotifyPool(now);
        if (!pausedBefore && next.Status == MailboxStatuses.Paused)
        {
            await NotifyPausedItselfAsync(reason, now);
        }

        return Snapshot(now);
    }

    private string ApplyHealthRules(MailboxState next, DateTimeOffset now, string trigger)
    {
        if (next.Status != MailboxStatuses.Paused && MailboxRules.ShouldPause(next.HealthScore, _options))
        {
            next.Status = MailboxStatuses.Paused;
            next.PausedReason = $"health below {_options.PauseBelowHealth}";
            return $"{trigger}; paused: {next.PausedReason}";
        }

        if (MailboxRules.ShouldPromote(next.Status, next.WarmupStartedAt, next.HealthScore, now, _options))
        {
            next.Status = MailboxStatuses.Active;
            return $"{trigger}; warm-up complete";
        }

        return trigger;
    }

    /// <summary>
    /// Writes <paramref name="next"/> (and the rows it carries) as the new state; on failure the old state stays.
    /// On a version conflict (another owner wrote the row) nothing was committed; this activation reloads the row
    /// before the caller hears of it, so requests already queued here decide on the stored state, and deactivates.
    /// </summary>
    private async Task WriteAsync(MailboxState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            state.State = previous;
            DeactivateOnIdle();
            await state.ReadStateAsync();
            throw;
        }
        catch
        {
            state.State = previous;
            throw;
        }
        finally
        {
            next.ClearPending();
        }
    }

    /// <summary>
    /// Tells the pool how available this mailbox is now. <see cref="IMailboxPoolEngineGrain.UpdateAsync"/> is one-way: the
    /// pool awaits mailboxes (its activation and ListAsync ask each for a snapshot), so a mailbox awaiting the pool
    /// could deadlock the two non-reentrant activations. A lost report only makes the pool's pick a hint that
    /// TryReserveAsync refuses, and a refusal reports again.
    /// </summary>
    private void NotifyPool(DateTimeOffset now)
    {
        var verdict = Evaluate(now);
        var availability = new MailboxAvailability(Id, verdict.Eligible, State.SentToday, verdict.EffectiveCap, verdict.NextEligibleAt);
        GrainFactory.GetGrain<IMailboxPoolEngineGrain>(IMailboxPoolGrain.PlatformKey).UpdateAsync(availability).Ignore();
    }

    /// <summary>Commits a reservation for today (releasing <paramref name="carriedOver"/>, an earlier day's, in the same transaction).</summary>
    private async Task<ReservationResult> ReserveAsync(DateTimeOffset now, long sequenceInstanceId, int stepNo, MailboxReservation? carriedOver)
    {
        var next = State.Copy();
        var reservation = new PendingReservation(next.SentDay, now, sequenceInstanceId, stepNo);
        next.SentToday++;
        next.LastSentAt = now;
        next.NewReservation = reservation;
        next.Release = carriedOver is { } old ? new PendingRelease(old.Id, old.MailboxId, now) : null;
        try
        {
            await WriteAsync(next);
        }
        catch (Exception error) when (StorageError(error) is { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            throw new ArgumentException($"Sequence instance {sequenceInstanceId} does not exist.", nameof(sequenceInstanceId), error);
        }

        _gapJitter = jitter.Next();
        NotifyPool(now);
        return ReservationResult.Grant(reservation.Id);
    }

    /// <summary>The grant this mailbox already gave the step: live and of today, or already sent.</summary>
    private ReservationResult? Kept(MailboxReservation? existing) =>
        existing is not null && existing.MailboxId == Id && Holds(existing)
            ? ReservationResult.Grant(existing.Id)
            : null;

    /// <summary>The step's live reservation on another mailbox, which it keeps (<see cref="Holds"/>): refused here.</summary>
    private ReservationResult? HeldElsewhere(MailboxReservation? existing, long sequenceInstanceId, int stepNo) =>
        existing is not null && existing.MailboxId != Id && Holds(existing)
            ? ReservationResult.Refuse(
                $"step {stepNo} of sequence instance {sequenceInstanceId} is already reserved on mailbox {existing.MailboxId}", null)
            : null;

    /// <summary>
    /// A live reservation still holds its step when it was sent or is today's. An unsent one of an earlier day was
    /// abandoned (its turn died between the reservation and the claim): the step takes today's slot on whichever
    /// mailbox it asks, and that reservation is released with it (<see cref="ReserveAsync"/>).
    /// </summary>
    private bool Holds(MailboxReservation existing) => existing.SentAt is not null || existing.Day == State.SentDay;

    private MailboxEligibility Evaluate(DateTimeOffset now) => MailboxRules.Evaluate(State.ToFacts(_gapJitter), now, _options);

    private MailboxSnapshot Snapshot(DateTimeOffset now)
    {
        var s = State;
        var verdict = Evaluate(now);
        return new MailboxSnapshot(
            Id, s.Email, s.Domain, s.Status, s.HealthScore, s.DailyCap, verdict.EffectiveCap, s.SentToday, s.MinGapSeconds,
            s.WarmupEnabled, s.WarmupStartedAt, s.LastSentAt, s.PausedReason, s.SmtpHost, s.SmtpPort, s.SmtpUsername, s.UseTls,
            verdict.Eligible, verdict.NextEligibleAt, s.ImapHost, s.ImapPort, s.ImapUsername, s.ImapHost is not null && s.ImapUseTls,
            _lastSendError);
    }

    /// <summary>A new UTC day starts with no sends (in memory; the next write stores it). No cron needed.</summary>
    private void RollOver(DateTimeOffset now)
    {
        var today = MailboxRules.UtcDay(now);
        if (State.SentDay != today)
        {
            State.SentDay = today;
            State.SentToday = 0;
        }
    }

    private async Task EnsureExistsAsync()
    {
        if (state.RecordExists)
        {
            return;
        }

        // Ids come from the pool: the row may have been created since this activation first looked.
        await state.ReadStateAsync();
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new KeyNotFoundException($"Mailbox {Id} does not exist.");
        }

        await EnsureHealthReminderAsync();
    }

    /// <summary>
    /// Registers the periodic health check unless it is already there: re-registering would move its start on
    /// every activation. (A changed <see cref="MailboxOptions.HealthRecalculationInterval"/> applies to mailboxes
    /// whose reminder is registered after the change.)
    /// </summary>
    private async Task EnsureHealthReminderAsync()
    {
        if (await this.GetReminder(HealthReminderName) is null)
        {
            var interval = _options.HealthRecalculationInterval;
            await this.RegisterOrUpdateReminder(HealthReminderName, interval, interval);
        }
    }

    /// <summary>The database's answer behind a failed state write (Orleans wraps what a storage provider throws).</summary>
    private static PostgresException? StorageError(Exception error) =>
        error as PostgresException ?? error.InnerException as PostgresException;

    private KeyNotFoundException UnknownReservation(long reservationId) =>
        new($"Reservation {reservationId} does not exist on mailbox {Id}.");
}
