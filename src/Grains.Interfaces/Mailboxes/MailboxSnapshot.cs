namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>What operators and the pool see of a mailbox (never its password).</summary>
public sealed record MailboxSnapshot(
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
    DateTimeOffset? NextEligibleAt);
