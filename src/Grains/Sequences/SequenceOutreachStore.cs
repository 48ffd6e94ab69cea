using Npgsql;
using RoleFerry.Grains.Contacts;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Notifications;
using RoleFerry.Grains.Suppression;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// The SQL of sending a sequence's steps: the outreach rows (one per step, the send claim) and what a send
/// changes around them. The claim is a committed conditional update: a row leaves 'scheduled' once, and only
/// while the instance is active, the contact has not replied, bounced or opted out, and its address is not on
/// the suppression list, whoever's outreach put it there, nor opted out by this user (<c>user_suppressions</c>). An entry is found by its hash alone (one probe of a unique
/// index): every entry has one, and an entry that keeps its address has the hash of it (a CHECK in migration 0007),
/// so the hash also finds anonymized entries.
/// </summary>
public sealed class SequenceOutreachStore : IDisposable
{
    /// <summary>
    /// What <see cref="LoadContextsAsync"/> reads for a batch of steps ($1 instance ids, $2 step numbers), one row per
    /// existing instance numbered by its place in the batch.
    /// </summary>
    internal const string ContextSql =
        $"""
        SELECT x.ord, si.status, si.version, c.email, c.timezone, c.opted_out, c.bounce_count,
               EXISTS (SELECT 1 FROM outreach r WHERE r.contact_id = c.id AND r.status = 'replied'),
               a.deleted_at IS NOT NULL, a.status, u.email, u.full_name, u.timezone, coalesce(o.id, 0), o.status,
               coalesce(o.attempts, 0), o.sent_at,
               {SuppressionList.ReasonSql}
        FROM unnest($1::bigint[], $2::int[]) WITH ORDINALITY AS x(instance_id, step_no, ord)
        JOIN sequence_instances si ON si.id = x.instance_id
        JOIN contacts c ON c.id = si.contact_id
        JOIN applications a ON a.id = si.application_id
        JOIN users u ON u.id = si.user_id
        LEFT JOIN outreach o ON o.sequence_instance_id = si.id AND o.step_no = x.step_no
        """;

    /// <summary>
    /// The conditional claim of <see cref="ClaimAllAsync"/> ($1 instance ids, $2 step numbers, $3 claim times, $4
    /// mailboxes, $5..$9 recipient, subject, bodies and Message-ID): the claimed steps' instance, step and outreach id.
    /// </summary>
    internal const string ClaimSql =
        """
        UPDATE outreach o
        SET status = 'sending', claimed_at = x.claimed_at, mailbox_id = x.mailbox_id, to_email = x.to_email,
            subject = x.subject, body_text = x.body_text, body_html = x.body_html, message_id = x.message_id,
            attempts = o.attempts + 1, next_attempt_at = NULL, error = NULL, updated_at = now()
        FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::bigint[], $5::text[], $6::text[], $7::text[],
                    $8::text[], $9::text[])
               AS x(instance_id, step_no, claimed_at, mailbox_id, to_email, subject, body_text, body_html, message_id),
             sequence_instances si, contacts c, applications a
        WHERE o.sequence_instance_id = x.instance_id AND o.step_no = x.step_no AND o.status = 'scheduled'
          AND si.id = o.sequence_instance_id AND si.status = 'active'
          AND c.id = o.contact_id AND NOT c.opted_out AND c.bounce_count = 0
          AND NOT EXISTS (SELECT 1 FROM suppression_list s WHERE s.email_hash = suppression_hash(c.email))
          AND NOT EXISTS (SELECT 1 FROM user_suppressions us WHERE us.user_id = c.user_id AND us.email = lower(btrim(c.email)))
          AND NOT EXISTS (SELECT 1 FROM outreach r WHERE r.contact_id = c.id AND r.status = 'replied')
          AND a.id = o.application_id AND a.deleted_at IS NULL AND a.status NOT IN ('rejected', 'offer')
        RETURNING o.sequence_instance_id, o.step_no, o.id
        """;

    private readonly NpgsqlDataSource _db;

    private readonly StatementCoalescer<PendingClaim, long?> _claims;

    private readonly StatementCoalescer<(long InstanceId, int StepNo), StepContext?> _contexts;

    public SequenceOutreachStore(NpgsqlDataSource db)
    {
        _db = db;
        _claims = new StatementCoalescer<PendingClaim, long?>(ClaimAllAsync);
        _contexts = new StatementCoalescer<(long InstanceId, int StepNo), StepContext?>(LoadContextsAsync);
    }

    public void Dispose()
    {
        _claims.Dispose();
        _contexts.Dispose();
    }

    /// <summary>
    /// What a step's send depends on, read fresh: the instance's status, the contact, the application, the user and
    /// the step's row; null when the instance does not exist. Reads of steps sent at the same time on this silo share
    /// one statement (<see cref="LoadContextsAsync"/>).
    /// </summary>
    public Task<StepContext?> LoadContextAsync(long instanceId, int stepNo) =>
        _contexts.RunAsync((instanceId, stepNo));

    internal async Task<IReadOnlyList<StepContext?>> LoadContextsAsync(IReadOnlyList<(long InstanceId, int StepNo)> steps)
    {
        await using var command = _db.Command(ContextSql, ArrayParameter.Of(steps, s => s.InstanceId), ArrayParameter.Of(steps, s => s.StepNo));
        var contexts = new StepContext?[steps.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            contexts[reader.GetInt64(0) - 1] = new StepContext(
                reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetStringOrNull(4), reader.GetBoolean(5),
                reader.GetInt32(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetString(9), reader.GetString(10),
                reader.GetString(11), reader.GetStringOrNull(12), reader.GetInt64(13), reader.GetStringOrNull(14),
                reader.GetInt32(15), reader.GetTimeOrNull(16), reader.GetStringOrNull(17));
        }

        return contexts;
    }

    /// <summary>Records when a step is due (shown to the user); only while it is still scheduled.</summary>
    public Task ScheduleAsync(long instanceId, int stepNo, DateTimeOffset dueAt) => _db.ExecuteAsync(
        """
        UPDATE outreach SET scheduled_at = $3, updated_at = now()
        WHERE sequence_instance_id = $1 AND step_no = $2 AND status = 'scheduled'
        """,
        instanceId, stepNo, dueAt);

    /// <summary>
    /// Claims the step for sending; null when it was claimed before or the sequence must not send. Claims of steps
    /// sent at the same time on this silo share one statement (<see cref="ClaimAllAsync"/>).
    /// </summary>
    public Task<long?> ClaimAsync(long instanceId, int stepNo, StepClaim claim, DateTimeOffset now) =>
        _claims.RunAsync(new PendingClaim(instanceId, stepNo, claim, now));

    /// <summary>One conditional update for a batch of claims; the outreach id of each claimed step, null for the others.</summary>
    internal async Task<IReadOnlyList<long?>> ClaimAllAsync(IReadOnlyList<PendingClaim> claims)
    {
        await using var command = _db.Command(
            ClaimSql,
            ArrayParameter.Of(claims, c => c.InstanceId), ArrayParameter.Of(claims, c => c.StepNo), ArrayParameter.Times(claims, c => c.Now),
            ArrayParameter.Of(claims, c => c.Claim.MailboxId), ArrayParameter.Of(claims, c => c.Claim.To),
            ArrayParameter.Of(claims, c => c.Claim.Subject), ArrayParameter.Of(claims, c => c.Claim.TextBody),
            ArrayParameter.Of(claims, c => c.Claim.HtmlBody), ArrayParameter.Of(claims, c => c.Claim.MessageId));
        var claimed = new Dictionary<(long, int), long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                claimed[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
            }
        }

        return claims.Select(c => claimed.TryGetValue((c.InstanceId, c.StepNo), out var id) ? id : (long?)null).ToList();
    }

    /// <summary>
    /// SMTP said "later": the step goes back to scheduled with the error and its next attempt time, and its claim
    /// is given back (claimed_at cleared): a user's sends today are the steps claimed today and not given back,
    /// the same rule the user grain counts by in memory. <paramref name="countAttempt"/> false (the mailbox's server
    /// did not log it in, no fault of the step): the claim's attempt is given back too.
    /// </summary>
    public Task MarkRetryAsync(long outreachId, string error, DateTimeOffset nextAttemptAt, bool countAttempt = true) => _db.ExecuteAsync(
        """
        UPDATE outreach SET status = 'scheduled', error = $2, next_attempt_at = $3, scheduled_at = $3,
                            message_id = NULL, claimed_at = NULL, updated_at = now(),
                            attempts = CASE WHEN $4 THEN attempts ELSE greatest(attempts - 1, 0) END
        WHERE id = $1 AND status = 'sending'
        """,
        outreachId, error, nextAttemptAt, countAttempt);

    /// <summary>The step failed for good (a claimed one, or one still scheduled).</summary>
    public Task MarkFailedAsync(long instanceId, int stepNo, string error) => _db.ExecuteAsync(
        """
        UPDATE outreach SET status = 'failed', error = $3, updated_at = now()
        WHERE sequence_instance_id = $1 AND step_no = $2 AND status IN ('scheduled', 'sending')
        """,
        instanceId, stepNo, error);

    /// <summary>The recipient does not exist: a hard bounce on the step and the contact, and a suppression entry.</summary>
    public async Task MarkHardBounceAsync(long outreachId, string error, DateTimeOffset now)
    {
        await using var batch = _db.Batch(
            Sql.BatchCommand(
                "UPDATE outreach SET status = 'bounced', bounced_at = $2, error = $3, updated_at = now() WHERE id = $1",
                outreachId, now, error),
            ContactOutreachFacts.BouncedByOutreach(outreachId),
            Sql.BatchCommand(
                """
                INSERT INTO suppression_list (email, reason, user_id)
                SELECT lower(to_email), 'hard_bounce', user_id FROM outreach WHERE id = $1
                ON CONFLICT DO NOTHING
                """,
                outreachId),
            NotificationStore.Bounce(outreachId, now));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The step will not be sent (its address is on the suppression list): canceled, with <paramref name="reason"/> as its error.</summary>
    public Task CancelStepAsync(long instanceId, int stepNo, string reason) => _db.ExecuteAsync(
        """
        UPDATE outreach SET status = 'canceled', error = $3, updated_at = now()
        WHERE sequence_instance_id = $1 AND step_no = $2 AND status = 'scheduled'
        """,
        instanceId, stepNo, reason);

    /// <summary>Cancels every step not yet claimed.</summary>
    public Task CancelRemainingAsync(long instanceId) => _db.ExecuteAsync(
        """
        UPDATE outreach SET status = 'canceled', updated_at = now()
        WHERE sequence_instance_id = $1 AND status = 'scheduled'
        """,
        instanceId);

    public async Task<IReadOnlyList<SequenceStepView>> LoadStepsAsync(long instanceId) => await _db.ReadAllAsync(
        """
        SELECT step_no, status, scheduled_at, sent_at, subject, message_id, error
        FROM outreach WHERE sequence_instance_id = $1 ORDER BY step_no
        """,
        reader => new SequenceStepView(
            reader.GetInt32(0), reader.GetString(1), reader.GetTimeOrNull(2), reader.GetTimeOrNull(3),
            reader.GetStringOrNull(4), reader.GetStringOrNull(5), reader.GetStringOrNull(6)),
        instanceId);
}
