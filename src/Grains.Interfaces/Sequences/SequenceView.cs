namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>Where a sequence stands (GET /api/sequences/{id}); <see cref="ResumeAt"/> is set while it is parked.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SequenceView")]
public sealed record SequenceView(
    [property: Id(0)] long Id,
    [property: Id(1)] long UserId,
    [property: Id(2)] long ApplicationId,
    [property: Id(3)] long ContactId,
    [property: Id(4)] string Status,
    [property: Id(5)] long? MailboxId,
    [property: Id(6)] IReadOnlyList<SequenceStepView> Steps,
    [property: Id(7)] DateTimeOffset? ResumeAt = null);
