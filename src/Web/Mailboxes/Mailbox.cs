namespace RoleFerry.Web.Mailboxes;

/// <summary>A sending mailbox as admins see it (<c>/api/admin/mailboxes</c>); never its passwords.</summary>
public sealed record Mailbox(
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
    DateTimeOffset? LastSentAt,
    string? PausedReason,
    string SmtpHost,
    int SmtpPort,
    string SmtpUsername,
    bool UseTls,
    bool Eligible,
    bool ImapConfigured,
    string? ImapHost,
    int? ImapPort,
    string? ImapUsername,
    bool? ImapUseTls,
    DateTimeOffset? LastInboxSyncAt,
    string? InboxError);
