namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>One step: status ∈ scheduled|sending|sent|delivered|bounced|replied|failed|canceled.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SequenceStepView")]
public sealed record SequenceStepView(
    [property: Id(0)] int StepNo,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset? ScheduledAt,
    [property: Id(3)] DateTimeOffset? SentAt,
    [property: Id(4)] string? Subject,
    [property: Id(5)] string? MessageId,
    [property: Id(6)] string? Error);
