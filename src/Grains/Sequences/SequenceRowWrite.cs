namespace RoleFerry.Grains.Sequences;

/// <summary>The fields of a <c>sequence_instances</c> row a grain writes, and the version it read the row at.</summary>
internal sealed record SequenceRowWrite(
    long Id,
    long Version,
    string Status,
    long? MailboxId,
    int CurrentStep,
    DateTimeOffset? NextStepDueAt,
    DateTimeOffset? PausedAt,
    DateTimeOffset? StoppedAt,
    string? StopReason,
    DateTimeOffset? ResumeAt);
