namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>One step: status ∈ scheduled|sending|sent|delivered|bounced|replied|failed|canceled.</summary>
public sealed record SequenceStepView(
    int StepNo,
    string Status,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? SentAt,
    string? Subject,
    string? MessageId,
    string? Error);
