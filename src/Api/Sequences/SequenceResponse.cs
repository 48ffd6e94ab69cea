using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Sequences;

/// <summary>GET /api/sequences/{id}; <c>mailbox</c> is the sending mailbox once step 1 left.</summary>
public sealed record SequenceResponse(
    long Id,
    long ApplicationId,
    long ContactId,
    string Status,
    SequenceMailbox? Mailbox,
    IReadOnlyList<SequenceStepView> Steps);
