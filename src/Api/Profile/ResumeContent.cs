using System.Text.Json;

namespace RoleFerry.Api.Profile;

/// <summary>A resume as <see cref="Resumes"/> stores it, from a PUT or from a parsed file.</summary>
public sealed record ResumeContent(
    IReadOnlyList<ResumeRole> Roles,
    IReadOnlyList<JsonElement> KeyMetrics,
    IReadOnlyList<JsonElement> Accomplishments,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ResumeEducation> Education,
    string? RawText);
