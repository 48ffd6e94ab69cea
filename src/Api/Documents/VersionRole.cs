namespace RoleFerry.Api.Documents;

/// <summary>A role of a resume version: as on the resume, its bullets in the version's order.</summary>
public sealed record VersionRole(string? Title, string? Company, string? Tenure, IReadOnlyList<string> Bullets);
