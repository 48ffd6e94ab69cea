namespace RoleFerry.Grains.Sequences;

/// <summary>
/// A step SMTP accepted: its outreach row and mailbox reservation, when it left, and the step after it
/// (<see cref="NextStepNo"/> due at <see cref="NextDueAt"/>; no due time after the last step).
/// </summary>
public sealed record SentStep(
    long OutreachId,
    long MailboxId,
    long ReservationId,
    DateTimeOffset SentAt,
    long InstanceId,
    int NextStepNo,
    DateTimeOffset? NextDueAt);
