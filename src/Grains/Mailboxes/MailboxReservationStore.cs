using Npgsql;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The reads and outcome stamps a mailbox grain makes on <c>mailbox_reservations</c> outside its state writes.
/// Stamps are facts (a bounce happened), written idempotently and without the mailbox version check; "sent" is
/// stamped by the sequence's own send batch (<c>SentStepWriter</c>).
/// </summary>
public sealed class MailboxReservationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The live (not released) reservation of a sequence step, on whichever mailbox, or null.</summary>
    public async Task<MailboxReservation?> FindLiveAsync(long sequenceInstanceId, int stepNo)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, mailbox_id, day, released, sent_at FROM mailbox_reservations
            WHERE sequence_instance_id = $1 AND step_no = $2 AND NOT released
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sequenceInstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stepNo });
        return await ReadOneAsync(command).ConfigureAwait(false);
    }

    /// <summary>The reservation with this id if it belongs to the mailbox, else null.</summary>
    public async Task<MailboxReservation?> GetAsync(long mailboxId, long reservationId)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, mailbox_id, day, released, sent_at FROM mailbox_reservations
            WHERE id = $1 AND mailbox_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = reservationId });
        command.Parameters.Add(new NpgsqlParameter { Value = mailboxId });
        return await ReadOneAsync(command).ConfigureAwait(false);
    }

    public async Task<ReservationStamp> StampBounceAsync(long mailboxId, long reservationId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE mailbox_reservations r SET bounced_at = coalesce(r.bounced_at, $3)
              FROM (SELECT id, bounced_at FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 FOR UPDATE) AS before
             WHERE r.id = before.id
            RETURNING before.bounced_at IS NULL
            """);
        return await StampAsync(command, mailboxId, reservationId, at).ConfigureAwait(false);
    }

    public async Task<ReservationStamp> StampSpamAsync(long mailboxId, long reservationId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE mailbox_reservations r SET spam_reported_at = coalesce(r.spam_reported_at, $3)
              FROM (SELECT id, spam_reported_at FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 FOR UPDATE) AS before
             WHERE r.id = before.id
            RETURNING before.spam_reported_at IS NULL
            """);
        return await StampAsync(command, mailboxId, reservationId, at).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends (live reservations reserved), bounces and spam reports (stamped) after <paramref name="since"/>:
    /// the inputs of the health formula.
    /// </summary>
    public async Task<MailboxWindowCounts> CountWindowAsync(long mailboxId, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FILTER (WHERE NOT released AND reserved_at > $2),
                   count(*) FILTER (WHERE bounced_at > $2),
                   count(*) FILTER (WHERE spam_reported_at > $2)
            FROM mailbox_reservations
            WHERE mailbox_id = $1 AND (reserved_at > $2 OR bounced_at > $2 OR spam_reported_at > $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = mailboxId });
        command.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        return new MailboxWindowCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    private static async Task<ReservationStamp> StampAsync(NpgsqlCommand command, long mailboxId, long reservationId, DateTimeOffset at)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = reservationId });
        command.Parameters.Add(new NpgsqlParameter { Value = mailboxId });
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() });
        return await command.ExecuteScalarAsync().ConfigureAwait(false) switch
        {
            true => ReservationStamp.Stamped,
            false => ReservationStamp.AlreadyStamped,
            _ => ReservationStamp.NotFound,
        };
    }

    private static async Task<MailboxReservation?> ReadOneAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? new MailboxReservation(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }
}
