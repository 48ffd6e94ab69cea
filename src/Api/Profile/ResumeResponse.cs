using System.Text.Json;

namespace RoleFerry.Api.Profile;

/// <summary>
/// <c>GET /api/me/resume</c>: the shape of the PUT plus education, the file it was parsed from (or null) and when it
/// was last replaced.
/// </summary>
public sealed record ResumeResponse(
    IReadOnlyList<ResumeRole> Roles,
    IReadOnlyList<JsonElement> KeyMetrics,
    IReadOnlyList<JsonElement> Accomplishments,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ResumeEducation> Education,
    string? RawText,
    ResumeSourceFile? SourceFile,
    DateTimeOffset UpdatedAt);
