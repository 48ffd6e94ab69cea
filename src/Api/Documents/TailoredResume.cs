namespace RoleFerry.Api.Documents;

/// <summary>What <see cref="ResumeTailor"/> makes of a resume for a job.</summary>
public sealed record TailoredResume(
    string Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyList<VersionRole> Roles,
    IReadOnlyList<string> Highlights);
