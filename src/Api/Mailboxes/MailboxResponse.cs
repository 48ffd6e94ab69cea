using Npgsql;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Api.Mailboxes;

/// <summary>
/// What admins see of a mailbox; never its passwords. <see cref="ImapConfigured"/>: RoleFerry reads it over IMAP;
/// then <see cref="LastInboxSyncAt"/> is the end of its last complete read, <see cref="InboxError"/> the last
/// read's error (null once one succeeds) and <see cref="InboxCounters"/> what became of the messages it read;
/// <see cref="LastSendError"/>: why its SMTP server last did not log it in (null since its settings changed or it
/// was resumed; the third such refusal pauses it).
/// </summary>
public sealed record MailboxResponse(
    long Id,
    string Email,
    string Domain,
    string Status,
    int HealthScore,
    int DailyCap,
    int EffectiveCap,
    int SentToday,
    int MinGapSeconds,
    bool WarmupEnabled,
    DateTimeOffset? WarmupStartedAt,
    DateTimeOffset? LastSentAt,
    string? PausedReason,
    string SmtpHost,
    int SmtpPort,
    string SmtpUsername,
    bool UseTls,
    bool Eligible,
    DateTimeOffset? NextEligibleAt,
    bool ImapConfigured,
    string? ImapHost,
    int? ImapPort,
    string? ImapUsername,
    bool? ImapUseTls,
    DateTimeOffset? LastInboxSyncAt,
    string? InboxError,
    IReadOnlyDictionary<string, long> InboxCounters,
    string? LastSendError)
{
    public static MailboxResponse From(MailboxSnapshot m, InboxStatus? inbox)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MailboxResponse(
            m.Id, m.Email, m.Domain, m.Status, m.HealthScore, m.DailyCap, m.EffectiveCap, m.SentToday, m.MinGapSeconds,
            m.WarmupEnabled, m.WarmupStartedAt, m.LastSentAt, m.PausedReason, m.SmtpHost, m.SmtpPort, m.SmtpUsername,
            m.UseTls, m.Eligible, m.NextEligibleAt, m.ImapConfigured, m.ImapHost, m.ImapPort, m.ImapUsername,
            m.ImapConfigured ? m.ImapUseTls : null, inbox?.LastSyncAt, m.ImapConfigured ? inbox?.Error : null,
            inbox?.Counters ?? new Dictionary<string, long>(), m.LastSendError);
    }

    /// <summary>The response for one mailbox, with its reader's status read from the database.</summary>
    public static async Task<MailboxResponse> FromAsync(MailboxSnapshot m, NpgsqlDataSource db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(m);
        var inbox = await InboxStatusQuery.ReadAsync(db, [m.Id], ct);
        return From(m, inbox.GetValueOrDefault(m.Id));
    }
}
