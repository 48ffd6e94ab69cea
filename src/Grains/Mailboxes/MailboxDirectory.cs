using Npgsql;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>The pool's SQL: which mailboxes exist, and creating one (its domain upserted) in one transaction.</summary>
public sealed class MailboxDirectory(NpgsqlDataSource dataSource)
{
    private const string EmailKey = "mailboxes_email_key";

    public async Task<IReadOnlyList<long>> ListIdsAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM mailboxes ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// Inserts a validated mailbox (IMAP defaults resolved): status warmup with warm-up starting now when warm-up is
    /// enabled, else active.
    /// Returns the new id; an email already used → <see cref="DuplicateMailboxException"/>.
    /// </summary>
    public async Task<long> CreateAsync(NewMailbox mailbox, byte[] encryptedPassword, byte[]? encryptedImapPassword, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        long domainId;
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO domains (domain, created_at) VALUES ($1, $2)
            ON CONFLICT (domain) DO UPDATE SET domain = excluded.domain
            RETURNING id
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = NewMailboxValidator.NormalizeDomain(mailbox.Domain) });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            domainId = (long)(await upsert.ExecuteScalarAsync().ConfigureAwait(false))!;
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO mailboxes (email, domain_id, smtp_host, smtp_port, smtp_username, smtp_password_encrypted, use_tls,
                                   daily_cap, warmup_enabled, warmup_started_at, min_gap_seconds, status, health_score,
                                   sent_today, sent_day, created_at, updated_at,
                                   imap_host, imap_port, imap_username, imap_password_encrypted, imap_use_tls)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 100, 0, $13, $14, $14, $15, $16, $17, $18, $19)
            RETURNING id
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.Email.Trim() });
        insert.Parameters.Add(new NpgsqlParameter { Value = domainId });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.SmtpHost.Trim() });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.SmtpPort });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.SmtpUsername.Trim() });
        insert.Parameters.Add(new NpgsqlParameter { Value = encryptedPassword });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.UseTls });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.DailyCap });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.WarmupEnabled });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.WarmupEnabled ? now.ToUniversalTime() : DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.MinGapSeconds });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.WarmupEnabled ? MailboxStatuses.Warmup : MailboxStatuses.Active });
        insert.Parameters.Add(new NpgsqlParameter { Value = MailboxRules.UtcDay(now) });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var imap = mailbox.ImapHost is not null && encryptedImapPassword is not null;
        insert.Parameters.Add(new NpgsqlParameter { Value = imap ? mailbox.ImapHost! : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = imap ? mailbox.ImapPort! : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        insert.Parameters.Add(new NpgsqlParameter { Value = imap ? mailbox.ImapUsername! : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = imap ? encryptedImapPassword! : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter { Value = mailbox.ImapUseTls ?? true });
        long id;
        try
        {
            id = (long)(await insert.ExecuteScalarAsync().ConfigureAwait(false))!;
        }
        catch (PostgresException error) when (error is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EmailKey })
        {
            throw new DuplicateMailboxException($"A mailbox with the email '{mailbox.Email.Trim()}' already exists.", error);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return id;
    }
}
