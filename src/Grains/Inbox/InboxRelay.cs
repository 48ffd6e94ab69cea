using Microsoft.Extensions.Logging;
using Npgsql;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Relays genuine replies to their users through the SMTP of the mailbox that received them. Each relay is
/// claimed first (pending → sending, a committed conditional update), then sent, then marked sent, so none goes
/// twice; SMTP "try later" puts it back to pending (three attempts), anything else fails it with the error.
/// </summary>
public sealed class InboxRelay(NpgsqlDataSource db, IMailTransport transport, ILogger<InboxRelay> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>Sends the mailbox's pending relays; returns how many left.</summary>
    public async Task<int> SendPendingAsync(long mailboxId, SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sent = 0;
        foreach (var relay in await ClaimAsync(mailboxId))
        {
            var email = RelayEmailComposer.Compose(relay, settings.FromEmail);
            var outcome = await transport.SendAsync(settings, email, CancellationToken.None);
            switch (outcome.Kind)
            {
                case SendOutcomeKind.Sent:
                    await MarkAsync(relay.InboxMessageId, "sent", null);
                    sent++;
                    logger.LogInformation("Relayed inbox message {InboxMessageId} from {From} to its user as {MessageId}", relay.InboxMessageId, relay.FromAddress, email.MessageId);
                    break;
                case SendOutcomeKind.TransientFailure when relay.Attempts < MaxAttempts:
                    await MarkAsync(relay.InboxMessageId, "pending", outcome.Message);
                    logger.LogWarning("Relaying inbox message {InboxMessageId}: SMTP said try later ({Outcome}); tried again with the next read", relay.InboxMessageId, outcome.Message);
                    break;
                default:
                    await MarkAsync(relay.InboxMessageId, "failed", outcome.Message);
                    logger.LogWarning("Relaying inbox message {InboxMessageId} failed: {Outcome}", relay.InboxMessageId, outcome.Message);
                    break;
            }
        }

        return sent;
    }

    private async Task<IReadOnlyList<PendingRelay>> ClaimAsync(long mailboxId)
    {
        return await db.ReadAllAsync(
            """
            WITH claimed AS (
                UPDATE inbox_messages SET relay_status = 'sending', relay_attempts = relay_attempts + 1
                WHERE id IN (SELECT id FROM inbox_messages WHERE mailbox_id = $1 AND relay_status = 'pending'
                             ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING id, relay_attempts, user_id, application_id, from_address, from_name, subject, text_body)
            SELECT c.id, c.relay_attempts, c.from_address, c.from_name, c.subject, c.text_body, u.email, u.full_name,
                   c.application_id, j.title, co.name
            FROM claimed c
            JOIN users u ON u.id = c.user_id
            LEFT JOIN applications a ON a.id = c.application_id
            LEFT JOIN jobs j ON j.id = a.job_id
            LEFT JOIN companies co ON co.id = j.company_id
            ORDER BY c.id
            """,
            reader => new PendingRelay(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetStringOrNull(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetOrNull<long>(8), reader.GetStringOrNull(9), reader.GetStringOrNull(10)),
            mailboxId);
    }

    private Task MarkAsync(long inboxMessageId, string status, string? error) => db.ExecuteAsync(
        """
        UPDATE inbox_messages
        SET relay_status = $2, relay_error = $3, relayed_at = CASE WHEN $2 = 'sent' THEN now() ELSE relayed_at END
        WHERE id = $1 AND relay_status = 'sending'
        """,
        inboxMessageId, status, Sql.Text(error));
}
