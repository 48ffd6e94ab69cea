namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>Where a sequence stands (GET /api/sequences/{id}).</summary>
public sealed record SequenceView(
    long Id,
    long UserId,
    long ApplicationId,
    long ContactId,
    string Status,
    long? MailboxId,
    IReadOnlyList<SequenceStepView> Steps);
