namespace RoleFerry.Api.Interviews;

/// <summary>An interview of one of the caller's applications; outcome ∈ pending|passed|failed|canceled.</summary>
public sealed record InterviewResponse(
    long Id,
    long ApplicationId,
    DateTimeOffset ScheduledAt,
    string Kind,
    string? Interviewer,
    string? Location,
    string? Notes,
    string Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
