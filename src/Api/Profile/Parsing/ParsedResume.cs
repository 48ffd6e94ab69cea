namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// What <see cref="ResumeParser"/> read: roles with their bullets, key metrics, accomplishments (bullets without a
/// number, and the achievements section), skills, education, the text, and whether every main section
/// (experience, education, skills) was found (<c>parsed</c>) or not (<c>partial</c>).
/// </summary>
public sealed record ParsedResume(
    IReadOnlyList<ParsedRole> Roles,
    IReadOnlyList<string> KeyMetrics,
    IReadOnlyList<string> Accomplishments,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ParsedEducation> Education,
    string RawText,
    string ParsingStatus);
