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
        await using var command = dataSource.Command(
            """
            SELECT id, mailbox_id, day, released, sent_at FROM mailbox_reservations
            WHERE sequence_instance_id = $1 AND step_no = $2 AND NOT released
            """,
            sequenceInstanceId, stepNo);
        return await command.ReadFirstAsync(Reservation).ConfigureAwait(false);
    }

    /// <summary>The reservation with this id if it belongs to the mailbox, else null.</summary>
    public async Task<MailboxReservation?> GetAsync(long mailboxId, long reservationId)
    {
        await using var command = dataSource.Command(
            """
            SELECT id, mailbox_id, day, released, sent_at FROM mailbox_reservations
            WHERE id = $1 AND mailbox_id = $2
            """,
            reservationId, mailboxId);
        return await command.ReadFirstAsync(Reservation).ConfigureAwait(false);
    }

    public Task<ReservationStamp> StampBounceAsync(long mailboxId, long reservationId, DateTimeOffset at) => StampAsync(
        """
        UPDATE mailbox_reservations r SET bounced_at = coalesce(r.bounced_at, $3)
          FROM (SELECT id, bounced_at FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 FOR UPDATE) AS before
         WHERE r.id = before.id
        RETURNING before.bounced_at IS NULL
        """,
        mailboxId, reservationId, at);

    public Task<ReservationStamp> StampSpamAsync(long mailboxId, long reservationId, DateTimeOffset at) => StampAsync(
        """
        UPDATE mailbox_reservations r SET spam_reported_at = coalesce(r.spam_reported_at, $3)
          FROM (SELECT id, spam_reported_at FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 FOR UPDATE) AS before
         WHERE r.id = before.id
        RETURNING before.spam_reported_at IS NULL
        """,
        mailboxId, reservationId, at);

    /// <summary>
    /// Sends (live reservations reserved), bounces and spam reports (stamped) after <paramref name="since"/>:
    /// the inputs of the health formula.
    /// </summary>
    public async Task<MailboxWindowCounts> CountWindowAsync(long mailboxId, DateTimeOffset since)
    {
        await using var command = dataSource.Command(
            """
            SELECT count(*) FILTER (WHERE NOT released AND reserved_at > $2),
                   count(*) FILTER (WHERE bounced_at > $2),
                   count(*) FILTER (WHERE spam_reported_at > $2)
            FROM mailbox_reservations
            WHERE mailbox_id = $1 AND (reserved_at > $2 OR bounced_at > $2 OR spam_reported_at > $2)
            """,
            mailboxId, since);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        return new MailboxWindowCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    /// <summary>Runs a stamp ($1 reservation, $2 mailbox, $3 time) that answers whether the reservation had no stamp before.</summary>
    private async Task<ReservationStamp> StampAsync(string sql, long mailboxId, long reservationId, DateTimeOffset at) =>
        await dataSource.ScalarAsync(sql, reservationId, mailboxId, at).ConfigureAwait(false) switch
        {
            true => ReservationStamp.Stamped,
            false => ReservationStamp.AlreadyStamped,
            _ => ReservationStamp.NotFound,
        };

    private static MailboxReservation Reservation(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), reader.GetBoolean(3), reader.GetTimeOrNull(4));
}
