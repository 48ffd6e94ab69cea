namespace RoleFerry.Web.Settings;

/// <summary><c>GET /api/me/preferences</c>.</summary>
public sealed record Preferences(
    IReadOnlyList<string> Values,
    IReadOnlyList<string> RoleTypes,
    IReadOnlyList<string> Locations,
    bool? RemoteOk,
    IReadOnlyList<string> RoleLevels,
    IReadOnlyList<string> CompanySizes,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> HiddenCompanies,
    int? MinSalary,
    int? MaxSalary);
