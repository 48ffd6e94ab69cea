using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Api.Mailboxes;

/// <summary>What admins see of a mailbox; never its password.</summary>
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
    DateTimeOffset? NextEligibleAt)
{
    public static MailboxResponse From(MailboxSnapshot m) => new(
        m.Id, m.Email, m.Domain, m.Status, m.HealthScore, m.DailyCap, m.EffectiveCap, m.SentToday, m.MinGapSeconds,
        m.WarmupEnabled, m.WarmupStartedAt, m.LastSentAt, m.PausedReason, m.SmtpHost, m.SmtpPort, m.SmtpUsername,
        m.UseTls, m.Eligible, m.NextEligibleAt);
}
