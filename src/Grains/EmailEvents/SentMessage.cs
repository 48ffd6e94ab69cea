namespace RoleFerry.Grains.EmailEvents;

/// <summary>The outreach row an event is about, found by its Message-ID.</summary>
public sealed record SentMessage(
    long OutreachId,
    long SequenceInstanceId,
    int StepNo,
    long ContactId,
    long ApplicationId,
    long? MailboxId,
    long? ReservationId);
