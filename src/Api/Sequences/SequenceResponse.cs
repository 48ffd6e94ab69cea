using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Sequences;

/// <summary>
/// GET /api/sequences/{id}; <c>mailbox</c> is the sending mailbox once step 1 left; <c>resumeAt</c>, while the
/// sequence is parked (the contact is out of office), when it goes on by itself.
/// </summary>
public sealed record SequenceResponse(
    long Id,
    long ApplicationId,
    long ContactId,
    string Status,
    SequenceMailbox? Mailbox,
    IReadOnlyList<SequenceStepView> Steps,
    DateTimeOffset? ResumeAt = null);
