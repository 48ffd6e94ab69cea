namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// Whether a mailbox may send now, under which cap, and if not why and from when it may (null: only an operator
/// or a health change can make it eligible).
/// </summary>
public sealed record MailboxEligibility(bool Eligible, int EffectiveCap, string? Reason, DateTimeOffset? NextEligibleAt);
