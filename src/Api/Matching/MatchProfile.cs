namespace RoleFerry.Api.Matching;

/// <summary>
/// What a user brings to matching: skills of the resume and the preferences (lower case), preferred role levels
/// and locations, whether remote is fine (null = no preference) and the minimum salary.
/// </summary>
public sealed record MatchProfile(
    IReadOnlyCollection<string> Skills,
    IReadOnlyCollection<string> RoleLevels,
    IReadOnlyCollection<string> Locations,
    bool? RemoteOk,
    int? MinSalary)
{
    public static readonly MatchProfile Empty = new([], [], [], null, null);
}
