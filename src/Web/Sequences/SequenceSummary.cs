namespace RoleFerry.Web.Sequences;

/// <summary>An item of <c>GET /api/sequences</c>.</summary>
public sealed record SequenceSummary(
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
    string? JobTitle)
{
    /// <summary>Whether pause, resume or cancel still mean something.</summary>
    public bool IsLive => SequenceStatuses.IsLive(Status);
}
