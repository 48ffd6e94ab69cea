namespace RoleFerry.Api.Profile;

/// <summary><c>GET /api/me/preferences</c>: the shape of the PUT, plus when it was last replaced.</summary>
public sealed record PreferencesResponse(
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
    int? MaxSalary,
    DateTimeOffset UpdatedAt);
