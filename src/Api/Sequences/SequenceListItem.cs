namespace RoleFerry.Api.Sequences;

/// <summary>
/// <c>GET /api/sequences</c>: a sequence as <c>GET /api/sequences/{id}</c> shows it without its steps, plus
/// <c>nextStepAt</c> (when the next step is due; null unless the sequence is going on), <c>resumeAt</c> (while parked,
/// when it goes on by itself), what it was enrolled in, and whom and what it is about (<c>contactName</c>, the
/// application's <c>jobTitle</c>; null once deleted).
/// </summary>
public sealed record SequenceListItem(
    long Id,
    long ApplicationId,
    long ContactId,
    string Status,
    SequenceMailbox? Mailbox,
    DateTimeOffset? NextStepAt,
    long? TemplateId,
    string TemplateName,
    int CurrentStep,
    int TotalSteps,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? StoppedAt,
    string? StopReason,
    DateTimeOffset? ResumeAt,
    string? ContactName,
    string? JobTitle);
