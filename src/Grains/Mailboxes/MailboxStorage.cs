using Npgsql;
using RoleFerry.Grains.Storage;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// <see cref="MailboxState"/> over the <c>mailboxes</c> row (grain storage "mailboxes"; key: mailboxes.id, ETag:
/// its version). Rows are created by the pool (<see cref="MailboxDirectory"/>), so a missing id reads as no record.
/// A write updates the row where the version is the one read and, in the same transaction, inserts / releases the
/// reservation and inserts the health log row the state carries; no row updated (or the reservation already
/// released) → nothing committed and an <c>InconsistentStateException</c>. The write of a send's reservation (the
/// common one) is a single statement, the row's update and the insert in one round trip, shared by the mailboxes
/// reserving at the same time on this silo (<see cref="WriteReservationsAsync"/>).
/// </summary>
public sealed class MailboxStorage : RowStorage<MailboxState>, IDisposable
{
    public const string Name = "mailboxes";

    private readonly NpgsqlDataSource _dataSource;

    private readonly TimeProvider _clock;

    private readonly StatementCoalescer<ReservationWrite, long?> _reservations;

    public MailboxStorage(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        _dataSource = dataSource;
        _clock = clock;
        _reservations = new StatementCoalescer<ReservationWrite, long?>(WriteReservationsAsync);
    }

    public void Dispose() => _reservations.Dispose();

    protected override async Task<(MailboxState State, long Version)?> ReadRowAsync(long id)
    {
        var today = MailboxRules.UtcDay(_clock.GetUtcNow());
        // sent_today is recounted from today's live reservations: they, not the counter, are what a crash cannot lose.
        await using var command = _dataSource.Command(
            """
            SELECT m.email, d.domain, m.smtp_host, m.smtp_port, m.smtp_username, m.smtp_password_encrypted, m.use_tls,
                   m.daily_cap, m.warmup_enabled, m.warmup_started_at, m.min_gap_seconds, m.status, m.health_score,
                   m.last_sent_at, m.paused_reason, m.health_checked_at, m.version,
                   (SELECT count(*) FROM mailbox_reservations r
                    WHERE r.mailbox_id = m.id AND r.day = $2 AND NOT r.released) AS reserved_today,
                   m.imap_host, m.imap_port, m.imap_username, m.imap_password_encrypted, m.imap_use_tls
            FROM mailboxes m
            JOIN domains d ON d.id = m.domain_id
            WHERE m.id = $1
            """,
            id, today);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            return null;
        }

        var state = new MailboxState
        {
            Email = reader.GetString(0),
            Domain = reader.GetString(1),
            SmtpHost = reader.GetString(2),
            SmtpPort = reader.GetInt32(3),
            SmtpUsername = reader.GetString(4),
            SmtpPasswordEncrypted = reader.GetFieldValue<byte[]>(5),
            UseTls = reader.GetBoolean(6),
            DailyCap = reader.GetInt32(7),
            WarmupEnabled = reader.GetBoolean(8),
            WarmupStartedAt = reader.GetTimeOrNull(9),
            MinGapSeconds = reader.GetInt32(10),
            Status = reader.GetString(11),
            HealthScore = reader.GetInt16(12),
            LastSentAt = reader.GetTimeOrNull(13),
            PausedReason = reader.GetStringOrNull(14),
            HealthCheckedAt = reader.GetTimeOrNull(15),
            SentToday = (int)reader.GetInt64(17),
            SentDay = today,
            ImapHost = reader.GetStringOrNull(18),
            ImapPort = reader.GetOrNull<int>(19),
            ImapUsername = reader.GetStringOrNull(20),
            ImapPasswordEncrypted = reader.IsDBNull(21) ? null : reader.GetFieldValue<byte[]>(21),
            ImapUseTls = reader.GetBoolean(22),
        };
        return (state, reader.GetInt64(16));
    }

    protected override async Task<long?> WriteRowAsync(long id, MailboxState state, long version)
    {
        var now = _clock.GetUtcNow();
        if (state is { NewReservation: { } reserved, Release: null, NewHealthLog: null })
        {
            return await _reservations.RunAsync(new ReservationWrite(id, version, state, now, reserved)).ConfigureAwait(false);
        }

        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(UpdateRow(id, version, state, now));
        // Release before insert: a reservation carried over to today frees its step's unique key first.
        if (state.Release is { } release)
        {
            batch.BatchCommands.Add(ReleaseReservation(release));
        }

        if (state.NewReservation is { } reservation)
        {
            batch.BatchCommands.Add(InsertReservation(id, reservation));
        }

        if (state.NewHealthLog is { } log)
        {
            batch.BatchCommands.Add(InsertHealthLog(id, log));
        }

        long? written;
        var released = true;
        await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            written = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : null;
            if (state.Release is not null)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
                released = await reader.ReadAsync().ConfigureAwait(false);
            }

            if (state.NewReservation is { } inserted)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
                await reader.ReadAsync().ConfigureAwait(false);
                inserted.Id = reader.GetInt64(0);
            }

            while (await reader.NextResultAsync().ConfigureAwait(false))
            {
            }
        }

        // Another writer changed the row (or released the reservation) since this activation read it: roll back.
        if (written is null || !released)
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            return null;
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// A batch of reservations, one per mailbox, as one statement: each mailbox row's update and its reservation's
    /// insert, the insert only where the update matched the row's version. The new version of each row written (its
    /// reservation id set), null where another writer changed the row meanwhile. A failed insert (the step's unique
    /// key, an unknown instance) undoes the whole statement; the coalescer then runs each reservation alone.
    /// </summary>
    internal async Task<IReadOnlyList<long?>> WriteReservationsAsync(IReadOnlyList<ReservationWrite> writes)
    {
        if (writes.DistinctBy(w => w.MailboxId).Count() != writes.Count)
        {
            throw new InvalidOperationException("A batch holds one reservation per mailbox: a mailbox grain writes one at a time.");
        }

        await using var command = _dataSource.Command(
            """
            WITH x AS (
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::smallint[], $5::int[], $6::date[],
                                     $7::timestamptz[], $8::text[], $9::timestamptz[], $10::boolean[], $11::timestamptz[],
                                     $12::date[], $13::timestamptz[], $14::bigint[], $15::int[]) WITH ORDINALITY
                         AS x(id, version, status, health_score, sent_today, sent_day, last_sent_at, paused_reason,
                              health_checked_at, warmup_enabled, updated_at, day, reserved_at, sequence_instance_id,
                              step_no, ord)
            ), updated AS (
                UPDATE mailboxes m
                   SET status = x.status, health_score = x.health_score, sent_today = x.sent_today, sent_day = x.sent_day,
                       last_sent_at = x.last_sent_at, paused_reason = x.paused_reason,
                       health_checked_at = x.health_checked_at, warmup_enabled = x.warmup_enabled,
                       updated_at = x.updated_at, version = m.version + 1
                  FROM x
                 WHERE m.id = x.id AND m.version = x.version
                RETURNING m.id, m.version
            ), reservation AS (
                INSERT INTO mailbox_reservations (mailbox_id, day, reserved_at, sequence_instance_id, step_no)
                SELECT x.id, x.day, x.reserved_at, x.sequence_instance_id, x.step_no FROM x JOIN updated u ON u.id = x.id
                RETURNING id, mailbox_id
            )
            SELECT x.ord, u.version, r.id FROM x JOIN updated u ON u.id = x.id JOIN reservation r ON r.mailbox_id = x.id
            """,
            ArrayParameter.Of(writes, w => w.MailboxId), ArrayParameter.Of(writes, w => w.Version),
            ArrayParameter.Of(writes, w => w.State.Status), ArrayParameter.Of(writes, w => (short)w.State.HealthScore),
            ArrayParameter.Of(writes, w => w.State.SentToday), ArrayParameter.Of(writes, w => w.State.SentDay),
            ArrayParameter.Times(writes, w => w.State.LastSentAt), ArrayParameter.Of(writes, w => w.State.PausedReason),
            ArrayParameter.Times(writes, w => w.State.HealthCheckedAt), ArrayParameter.Of(writes, w => w.State.WarmupEnabled),
            ArrayParameter.Times(writes, w => w.Now), ArrayParameter.Of(writes, w => w.Reservation.Day),
            ArrayParameter.Times(writes, w => w.Reservation.ReservedAt), ArrayParameter.Of(writes, w => w.Reservation.SequenceInstanceId),
            ArrayParameter.Of(writes, w => w.Reservation.StepNo));
        var versions = new long?[writes.Count];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var index = reader.GetInt64(0) - 1;
            versions[index] = reader.GetInt64(1);
            writes[(int)index].Reservation.Id = reader.GetInt64(2);
        }

        return versions;
    }

    private const string UpdateRowSql =
        """
        UPDATE mailboxes
           SET status = $3, health_score = $4, sent_today = $5, sent_day = $6, last_sent_at = $7, paused_reason = $8,
               health_checked_at = $9, warmup_enabled = $10, updated_at = $11, version = version + 1
         WHERE id = $1 AND version = $2
        RETURNING version
        """;

    private static NpgsqlBatchCommand UpdateRow(long id, long version, MailboxState state, DateTimeOffset now) => Sql.BatchCommand(
        UpdateRowSql, id, version, state.Status, (short)state.HealthScore, state.SentToday, state.SentDay,
        Sql.Time(state.LastSentAt), Sql.Text(state.PausedReason), Sql.Time(state.HealthCheckedAt), state.WarmupEnabled, now);

    private static NpgsqlBatchCommand InsertReservation(long mailboxId, PendingReservation reservation) => Sql.BatchCommand(
        """
        INSERT INTO mailbox_reservations (mailbox_id, day, reserved_at, sequence_instance_id, step_no)
        VALUES ($1, $2, $3, $4, $5)
        RETURNING id
        """,
        mailboxId, reservation.Day, reservation.ReservedAt, reservation.SequenceInstanceId, reservation.StepNo);

    private static NpgsqlBatchCommand ReleaseReservation(PendingRelease release) => Sql.BatchCommand(
        """
        UPDATE mailbox_reservations SET released = true, released_at = $3
         WHERE id = $1 AND mailbox_id = $2 AND NOT released
        RETURNING id
        """,
        release.ReservationId, release.MailboxId, release.ReleasedAt);

    private static NpgsqlBatchCommand InsertHealthLog(long mailboxId, PendingHealthLog log) => Sql.BatchCommand(
        """
        INSERT INTO mailbox_health_logs
            (mailbox_id, health_score, bounce_rate_7d, spam_reports_7d, sends_7d, bounces_7d, status, reason, logged_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """,
        mailboxId, (short)log.Health.Score, Math.Round(log.Health.BounceRate, 6, MidpointRounding.AwayFromZero),
        log.Health.Counts.SpamReports, log.Health.Counts.Sends, log.Health.Counts.Bounces, log.Status, log.Reason, log.LoggedAt);
}
