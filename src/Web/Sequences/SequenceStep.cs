namespace RoleFerry.Web.Sequences;

/// <summary>A step of an enrolled sequence: status ∈ scheduled|sending|sent|delivered|bounced|replied|failed|canceled|awaiting_approval.</summary>
public sealed record SequenceStep(int StepNo, string Status, DateTimeOffset? ScheduledAt, DateTimeOffset? SentAt, string? Subject, string? Error);
