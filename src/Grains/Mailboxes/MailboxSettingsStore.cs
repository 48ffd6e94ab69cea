using Npgsql;
using NpgsqlTypes;

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
        long domainId;
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO domains (domain, created_at) VALUES ($1, $2)
            ON CONFLICT (domain) DO UPDATE SET domain = excluded.domain
            RETURNING id
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = row.Domain });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            domainId = (long)(await upsert.ExecuteScalarAsync())!;
        }

        await using var update = new NpgsqlCommand(
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
            """, connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = id });
        update.Parameters.Add(new NpgsqlParameter { Value = version });
        update.Parameters.Add(new NpgsqlParameter { Value = domainId });
        update.Parameters.Add(new NpgsqlParameter { Value = row.SmtpHost });
        update.Parameters.Add(new NpgsqlParameter { Value = row.SmtpPort });
        update.Parameters.Add(new NpgsqlParameter { Value = row.SmtpUsername });
        update.Parameters.Add(new NpgsqlParameter { Value = row.SmtpPasswordEncrypted });
        update.Parameters.Add(new NpgsqlParameter { Value = row.UseTls });
        update.Parameters.Add(new NpgsqlParameter { Value = row.DailyCap });
        update.Parameters.Add(new NpgsqlParameter { Value = row.WarmupEnabled });
        update.Parameters.Add(new NpgsqlParameter { Value = row.MinGapSeconds });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ImapHost ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ImapPort ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ImapUsername ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ImapPasswordEncrypted ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        update.Parameters.Add(new NpgsqlParameter { Value = row.ImapUseTls });
        update.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (await update.ExecuteNonQueryAsync() == 0)
        {
            await transaction.RollbackAsync();
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }
}
