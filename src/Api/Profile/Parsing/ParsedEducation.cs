namespace RoleFerry.Api.Profile.Parsing;

/// <summary>One entry of the education section.</summary>
public sealed record ParsedEducation(string? School, string? Degree, int? Year);
