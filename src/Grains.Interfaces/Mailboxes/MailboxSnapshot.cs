namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// What operators and the pool see of a mailbox (never its passwords); IMAP fields are null when RoleFerry does not
/// read it; <see cref="LastSendError"/>: why its SMTP server last did not log it in (null since its settings changed
/// or it was resumed).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MailboxSnapshot")]
public sealed record MailboxSnapshot(
    [property: Id(0)] long Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Domain,
    [property: Id(3)] string Status,
    [property: Id(4)] int HealthScore,
    [property: Id(5)] int DailyCap,
    [property: Id(6)] int EffectiveCap,
    [property: Id(7)] int SentToday,
    [property: Id(8)] int MinGapSeconds,
    [property: Id(9)] bool WarmupEnabled,
    [property: Id(10)] DateTimeOffset? WarmupStartedAt,
    [property: Id(11)] DateTimeOffset? LastSentAt,
    [property: Id(12)] string? PausedReason,
    [property: Id(13)] string SmtpHost,
    [property: Id(14)] int SmtpPort,
    [property: Id(15)] string SmtpUsername,
    [property: Id(16)] bool UseTls,
    [property: Id(17)] bool Eligible,
    [property: Id(18)] DateTimeOffset? NextEligibleAt,
    [property: Id(19)] string? ImapHost = null,
    [property: Id(20)] int? ImapPort = null,
    [property: Id(21)] string? ImapUsername = null,
    [property: Id(22)] bool ImapUseTls = false,
    [property: Id(23)] string? LastSendError = null)
{
    /// <summary>RoleFerry reads this mailbox over IMAP.</summary>
    public bool ImapConfigured => ImapHost is not null;
}
