namespace RoleFerry.Api.Profile.Parsing;

/// <summary>A role read from the experience section, with the lines written under it.</summary>
public sealed record ParsedRole(string Title, string? Company, string? Tenure, IReadOnlyList<string> Bullets);
