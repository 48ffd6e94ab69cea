namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>What a mailbox tells the pool after every change: can it send now, how loaded is it, when next.</summary>
public sealed record MailboxAvailability(
    long MailboxId,
    bool Eligible,
    int SentToday,
    int EffectiveCap,
    DateTimeOffset? NextEligibleAt);
