using RoleFerry.Api.Jobs;

namespace RoleFerry.Api.Matching;

/// <summary>One item of <c>GET /api/jobs/matched</c>.</summary>
public sealed record MatchedJobResponse(
    JobResponse Job,
    int MatchScore,
    string Category,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills);
