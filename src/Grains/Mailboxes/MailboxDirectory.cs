using Npgsql;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>The pool's SQL: which mailboxes exist, and creating one (its domain upserted) in one transaction.</summary>
public sealed class MailboxDirectory(NpgsqlDataSource dataSource)
{
    private const string EmailKey = "mailboxes_email_key";

    public async Task<IReadOnlyList<long>> ListIdsAsync() =>
        await dataSource.ReadAllAsync("SELECT id FROM mailboxes ORDER BY id", reader => reader.GetInt64(0)).ConfigureAwait(false);

    /// <summary>
    /// Inserts a validated mailbox (IMAP defaults resolved): status warmup with warm-up starting now when warm-up is
    /// enabled, else active.
    /// Returns the new id; an email already used → <see cref="DuplicateMailboxException"/>.
    /// </summary>
    public async Task<long> CreateAsync(NewMailbox mailbox, byte[] encryptedPassword, byte[]? encryptedImapPassword, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var domainId = await DomainUpsert.IdOfAsync(connection, NewMailboxValidator.NormalizeDomain(mailbox.Domain), now).ConfigureAwait(false);
        var imap = mailbox.ImapHost is not null && encryptedImapPassword is not null;
        await using var insert = connection.Command(
            """
            INSERT INTO mailboxes (email, domain_id, smtp_host, smtp_port, smtp_username, smtp_password_encrypted, use_tls,
                                   daily_cap, warmup_enabled, warmup_started_at, min_gap_seconds, status, health_score,
                                   sent_today, sent_day, created_at, updated_at,
                                   imap_host, imap_port, imap_username, imap_password_encrypted, imap_use_tls)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 100, 0, $13, $14, $14, $15, $16, $17, $18, $19)
            RETURNING id
            """,
            mailbox.Email.Trim(), domainId, mailbox.SmtpHost.Trim(), mailbox.SmtpPort, mailbox.SmtpUsername.Trim(), encryptedPassword,
            mailbox.UseTls, mailbox.DailyCap, mailbox.WarmupEnabled, Sql.Time(mailbox.WarmupEnabled ? now : null), mailbox.MinGapSeconds,
            mailbox.WarmupEnabled ? MailboxStatuses.Warmup : MailboxStatuses.Active, MailboxRules.UtcDay(now), now,
            Sql.Text(imap ? mailbox.ImapHost : null), Sql.Integer(imap ? mailbox.ImapPort : null),
            Sql.Text(imap ? mailbox.ImapUsername : null), Sql.Bytea(imap ? encryptedImapPassword : null), mailbox.ImapUseTls ?? true);
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
