using System.Text.Json;
using Npgsql;
using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Inbox;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.EmailEvents;

/// <summary>Messages read over IMAP go through the webhook's path, plus their inbox row, in the same transaction.</summary>
public sealed partial class EmailEventStore
{
    /// <summary>
    /// Applies an inbound message about our email <paramref name="messageId"/> in one transaction: the event row
    /// (its event id, <c>inbound:&lt;incoming Message-ID&gt;</c>, makes a repeat a no-op), the event's effects as
    /// for a webhook event, the inbox row, and for an auto-reply the contact's active or parked sequences to park. A
    /// message RoleFerry does not believe (<see cref="InboxEntry.Authenticated"/> false) gets its inbox row, marked so,
    /// and nothing else: no event, no effect (its inbox row's unique Message-ID makes a repeat a no-op).
    /// </summary>
    public async Task<InboundEffects> ApplyInboundAsync(string messageId, InboundEvent inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var (e, entry) = (inbound.Event, inbound.Entry);
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var sent = await FindAsync(connection, messageId);
        if (sent is null)
        {
            await transaction.CommitAsync();
            return InboundEffects.Unknown;
        }

        if (!entry.Authenticated)
        {
            var listed = await InsertInboxRowAsync(connection, sent, entry);
            await transaction.CommitAsync();
            return listed is null ? InboundEffects.Repeated : new InboundEffects(true, false, EventEffects.None, listed, []);
        }

        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO outreach_events (event_id, outreach_id, message_id, type, bounce_type, reason, occurred_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            ON CONFLICT (event_id) DO NOTHING
            """,
            e.EventId, sent.OutreachId, messageId, e.Type, e.BounceType,
            e.Reason, e.Timestamp,
            JsonSerializer.Serialize(new { source = "imap", mailboxId = entry.MailboxId, inboundMessageId = entry.MessageId, from = entry.FromAddress }));
        var inboxId = inserted == 0 ? null : await InsertInboxRowAsync(connection, sent, entry);
        if (inboxId is null)
        {
            await transaction.RollbackAsync();
            return InboundEffects.Repeated;
        }

        var effects = await ApplyTypeAsync(connection, sent, e);
        IReadOnlyList<long> toPark = e.Type == EmailEventTypes.AutoReply ? await LiveToParkAsync(connection, sent.ContactId) : [];
        await transaction.CommitAsync();
        return new InboundEffects(true, false, effects with { Message = sent }, inboxId, toPark);
    }

    /// <summary>The inbox row of the message (its user is the sent email's); null when the message is stored already.</summary>
    private static async Task<long?> InsertInboxRowAsync(NpgsqlConnection c, SentMessage sent, InboxEntry entry)
    {
        await using var command = c.Command(
            """
            INSERT INTO inbox_messages (user_id, mailbox_id, outreach_id, sequence_instance_id, application_id, contact_id,
                                        message_id, kind, from_address, from_name, subject, snippet, text_body, received_at,
                                        return_date, bounce_type, bounce_status, failed_recipient, relay_status, authenticated)
            SELECT o.user_id, $2, o.id, o.sequence_instance_id, o.application_id, o.contact_id,
                   $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
            FROM outreach o WHERE o.id = $1
            ON CONFLICT (message_id) DO NOTHING
            RETURNING id
            """,
            sent.OutreachId, entry.MailboxId, entry.MessageId, entry.Kind, entry.FromAddress, Sql.Text(entry.FromName), entry.Subject,
            entry.Snippet, entry.TextBody, entry.ReceivedAt, Sql.Date(entry.ReturnDate), Sql.Text(entry.BounceType),
            Sql.Text(entry.BounceStatus), Sql.Text(entry.FailedRecipient), entry.Relay ? "pending" : "none", entry.Authenticated);
        return await command.ExecuteScalarAsync() is long id ? id : null;
    }

    /// <summary>The contact's sequences an out-of-office parks: active ones, and parked ones (parked longer if need be).</summary>
    private static async Task<IReadOnlyList<long>> LiveToParkAsync(NpgsqlConnection c, long contactId)
    {
        await using var command = c.Command(
            $"SELECT id FROM sequence_instances WHERE contact_id = $1 AND status IN {SequenceStatuses.WakingSql} ORDER BY id", contactId);
        return await command.ReadAllAsync(reader => reader.GetInt64(0));
    }
}
