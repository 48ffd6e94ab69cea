namespace RoleFerry.Grains.Mailboxes;

/// <summary>What a mailbox tells the pool after every change: can it send now, how loaded is it, when next.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MailboxAvailability")]
public sealed record MailboxAvailability(
    [property: Id(0)] long MailboxId,
    [property: Id(1)] bool Eligible,
    [property: Id(2)] int SentToday,
    [property: Id(3)] int EffectiveCap,
    [property: Id(4)] DateTimeOffset? NextEligibleAt);
