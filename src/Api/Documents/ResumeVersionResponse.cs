namespace RoleFerry.Api.Documents;

/// <summary>
/// A resume arranged for one application's job: the skills the job asks for first, each role's bullets by how many
/// of the job's keywords they name, a summary naming the top matched skills; highlights are the resume's
/// accomplishments and metrics that belong to no role. Everything comes from the resume or the user's edits.
/// </summary>
public sealed record ResumeVersionResponse(
    long Id,
    long ApplicationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyList<VersionRole> Roles,
    IReadOnlyList<string> Highlights);
