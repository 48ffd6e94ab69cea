namespace RoleFerry.Web.Jobs;

/// <summary>An item of <c>GET /api/jobs/matched</c>.</summary>
public sealed record MatchedJob(Job Job, int MatchScore, string Category, IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills);
