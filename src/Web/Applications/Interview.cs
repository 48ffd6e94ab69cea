namespace RoleFerry.Web.Applications;

/// <summary>An interview of an application: kind ∈ phone|video|onsite|other, outcome ∈ pending|passed|failed|canceled.</summary>
public sealed record Interview(
    long Id,
    long ApplicationId,
    DateTimeOffset ScheduledAt,
    string Kind,
    string? Interviewer,
    string? Location,
    string? Notes,
    string Outcome);
