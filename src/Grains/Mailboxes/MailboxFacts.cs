namespace RoleFerry.Grains.Mailboxes;

/// <summary>What the sending rules need to know of a mailbox at one moment (<see cref="MailboxRules.Evaluate"/>).</summary>
public sealed record MailboxFacts(
    string Status,
    string? PausedReason,
    int HealthScore,
    int DailyCap,
    bool WarmupEnabled,
    DateTimeOffset? WarmupStartedAt,
    int SentToday,
    DateTimeOffset? LastSentAt,
    TimeSpan MinGap);
