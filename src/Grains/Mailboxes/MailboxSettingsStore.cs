using Npgsql;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// Writes a mailbox's changed settings (PATCH /api/admin/mailboxes/{id}) in one transaction: its domain upserted,
/// the row updated where the version is the one the grain read (the same rule as its grain storage: false when
/// someone else wrote it since). Switching warm-up on starts it now if it never started; switching it off makes a
/// warming-up mailbox active.
/// </summary>
public sealed class MailboxSettingsStore(NpgsqlDataSource dataSource)
{
    public async Task<bool> UpdateAsync(long id, long version, MailboxSettingsRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var domainId = await DomainUpsert.IdOfAsync(connection, row.Domain, now);
        var updated = await connection.ExecuteAsync(
            """
            UPDATE mailboxes
            SET domain_id = $3, smtp_host = $4, smtp_port = $5, smtp_username = $6, smtp_password_encrypted = $7, use_tls = $8,
                daily_cap = $9, min_gap_seconds = $11,
                warmup_started_at = CASE WHEN $10 AND warmup_started_at IS NULL THEN $17 ELSE warmup_started_at END,
                status = CASE WHEN NOT $10 AND status = 'warmup' THEN 'active' ELSE status END,
                warmup_enabled = $10,
                imap_host = $12, imap_port = $13, imap_username = $14, imap_password_encrypted = $15, imap_use_tls = $16,
                updated_at = $17, version = version + 1
            WHERE id = $1 AND version = $2
            """,
            id, version, domainId, row.SmtpHost, row.SmtpPort, row.SmtpUsername, row.SmtpPasswordEncrypted, row.UseTls, row.DailyCap,
            row.WarmupEnabled, row.MinGapSeconds, Sql.Text(row.ImapHost), Sql.Integer(row.ImapPort), Sql.Text(row.ImapUsername),
            Sql.Bytea(row.ImapPasswordEncrypted), row.ImapUseTls, now);
        if (updated == 0)
        {
            await transaction.RollbackAsync();
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }
}
