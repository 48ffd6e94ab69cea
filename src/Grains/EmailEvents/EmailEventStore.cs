using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using RoleFerry.Grains.Contacts;
using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Notifications;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// Applies one email event in one transaction: the event row (its unique event id makes a repeat a no-op),
/// the outreach row, the contact, the application (reply: reply_status and the status trigger of the
/// implementable design) and the suppression list; returns the live sequences of the contact to stop.
/// </summary>
public sealed partial class EmailEventStore(NpgsqlDataSource db)
{
    public async Task<(bool Known, bool Duplicate, EventEffects Effects)> ApplyAsync(string messageId, EmailEvent e)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var sent = await FindAsync(connection, messageId);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO outreach_events (event_id, outreach_id, message_id, type, bounce_type, reason, occurred_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            ON CONFLICT (event_id) DO NOTHING
            """,
            e.EventId, sent?.OutreachId, messageId, e.Type, e.BounceType,
            e.Reason, e.Timestamp, JsonSerializer.Serialize(e));
        if (inserted == 0 || sent is null)
        {
            await transaction.CommitAsync();
            return (sent is not null, inserted == 0, EventEffects.None);
        }

        var effects = await ApplyTypeAsync(connection, sent, e);
        await transaction.CommitAsync();
        return (true, false, effects with { Message = sent });
    }

    /// <summary>Opts a contact of <paramref name="userId"/> out; null when it is not theirs, else its live sequences.</summary>
    public async Task<IReadOnlyList<long>?> OptOutContactAsync(long userId, long contactId, DateTimeOffset at)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await ContactOutreachFacts.LockOwnedAsync(connection, userId, contactId))
        {
            return null;
        }

        var contact = new SentMessage(0, 0, 0, contactId, 0, null, null);
        await ContactOutreachFacts.OptedOutAsync(connection, contactId, "opt_out", at, forEveryone: false);
        var effects = await StopAllAsync(connection, contact, SequenceStatuses.StoppedOptOut, "the contact opted out", false, false);
        await transaction.CommitAsync();
        return effects.SequencesToStop;
    }

    public static bool IsHardBounce(EmailEvent e) =>
        string.Equals(e.BounceType, "hard", StringComparison.OrdinalIgnoreCase)
        || (e.Reason is { } reason && PermanentStatus().IsMatch(reason));

    private async Task<EventEffects> ApplyTypeAsync(NpgsqlConnection c, SentMessage sent, EmailEvent e)
    {
        var at = e.Timestamp;
        switch (e.Type)
        {
            case EmailEventTypes.Delivered:
                await OutreachEventWrites.DeliveredAsync(c, sent.OutreachId, at);
                return EventEffects.None;
            case EmailEventTypes.Open:
                await OutreachEventWrites.OpenedAsync(c, sent.OutreachId, at);
                return EventEffects.None;
            case EmailEventTypes.Click:
                await OutreachEventWrites.ClickedAsync(c, sent.OutreachId, at);
                return EventEffects.None;
            case EmailEventTypes.AutoReply:
                await c.ExecuteAsync("UPDATE applications SET reply_status = 'auto_replied', updated_at = now() WHERE id = $1 AND reply_status = 'none'", sent.ApplicationId);
                return EventEffects.None;
            case EmailEventTypes.Reply:
                await ApplyReplyAsync(c, sent, at);
                await NotificationStore.ReplyAsync(c, sent.OutreachId, e.EventId, at);
                return await StopAllAsync(c, sent, SequenceStatuses.StoppedReply, "the contact replied", bounce: false, spam: false);
            case EmailEventTypes.Bounce:
                await OutreachEventWrites.BouncedAsync(c, sent.OutreachId, at, e.Reason);
                await ContactOutreachFacts.BouncedAsync(c, sent.ContactId);
                await c.ExecuteAsync("UPDATE applications SET reply_status = 'bounced', updated_at = now() WHERE id = $1 AND reply_status = 'none'", sent.ApplicationId);
                if (IsHardBounce(e))
                {
                    await ContactOutreachFacts.SuppressAsync(c, sent.ContactId, "hard_bounce");
                }

                await NotificationStore.BounceAsync(c, sent.OutreachId, at);

                return await StopAllAsync(c, sent, SequenceStatuses.StoppedBounce, "the contact's address bounced", bounce: true, spam: false);
            case EmailEventTypes.SpamReport:
                await ContactOutreachFacts.SpamReportedAsync(c, sent.ContactId);
                await ContactOutreachFacts.OptedOutAsync(c, sent.ContactId, "spam_report", at);
                return await StopAllAsync(c, sent, SequenceStatuses.StoppedOptOut, "the contact reported spam", bounce: false, spam: true);
            case EmailEventTypes.Unsubscribe:
                await ContactOutreachFacts.OptedOutAsync(c, sent.ContactId, "unsubscribe", at);
                await c.ExecuteAsync("UPDATE applications SET reply_status = 'unsubscribed', updated_at = now() WHERE id = $1 AND reply_status = 'none'", sent.ApplicationId);
                return await StopAllAsync(c, sent, SequenceStatuses.StoppedOptOut, "the contact unsubscribed", bounce: false, spam: false);
            default:
                throw new ArgumentException($"Unknown event type '{e.Type}'.", nameof(e));
        }
    }

    /// <summary>Reply: the step is replied; the application is replied and moves saved→applied, applied→interviewing.</summary>
    private static async Task ApplyReplyAsync(NpgsqlConnection c, SentMessage sent, DateTimeOffset at)
    {
        await OutreachEventWrites.RepliedAsync(c, sent.OutreachId, at);
        await ContactOutreachFacts.ContactedAsync(c, sent.ContactId, at);
        await c.ExecuteAsync(
            """
            WITH old AS (SELECT id, status FROM applications WHERE id = $1 AND deleted_at IS NULL FOR UPDATE),
                 moved AS (
                   UPDATE applications a
                   SET reply_status = 'replied', last_action_at = $2, updated_at = now(),
                       status = CASE old.status WHEN 'saved' THEN 'applied' WHEN 'applied' THEN 'interviewing' ELSE old.status END
                   FROM old WHERE a.id = old.id
                   RETURNING a.id, old.status AS from_status, a.status AS to_status)
            INSERT INTO application_status_history (application_id, from_status, to_status, cause, changed_at)
            SELECT id, from_status, to_status, 'system', $2 FROM moved WHERE from_status <> to_status
            """, sent.ApplicationId, at);
    }

    private static async Task<EventEffects> StopAllAsync(
        NpgsqlConnection c, SentMessage sent, string status, string reason, bool bounce, bool spam)
    {
        await using var command = c.Command(
            $"SELECT id FROM sequence_instances WHERE contact_id = $1 AND status IN {SequenceStatuses.LiveSql} ORDER BY id", sent.ContactId);
        var ids = await command.ReadAllAsync(reader => reader.GetInt64(0));
        return new EventEffects(ids, status, reason, bounce, spam);
    }

    private static async Task<SentMessage?> FindAsync(NpgsqlConnection c, string messageId)
    {
        await using var command = c.Command(
            """
            SELECT o.id, o.sequence_instance_id, o.step_no, o.contact_id, o.application_id, o.mailbox_id,
                   (SELECT r.id FROM mailbox_reservations r
                    WHERE r.sequence_instance_id = o.sequence_instance_id AND r.step_no = o.step_no AND NOT r.released
                    ORDER BY r.id DESC LIMIT 1)
            FROM outreach o WHERE o.message_id = $1
            FOR UPDATE OF o
            """,
            messageId);
        return await command.ReadFirstAsync(reader => new SentMessage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetOrNull<long>(5), reader.GetOrNull<long>(6)));
    }

    [GeneratedRegex(@"\b5\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex PermanentStatus();
}
