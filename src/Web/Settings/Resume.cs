using System.Text.Json;

namespace RoleFerry.Web.Settings;

/// <summary><c>GET /api/me/resume</c>.</summary>
public sealed record Resume(
    IReadOnlyList<ResumeRole> Roles,
    IReadOnlyList<JsonElement> KeyMetrics,
    IReadOnlyList<JsonElement> Accomplishments,
    IReadOnlyList<string> Skills,
    string? RawText);
