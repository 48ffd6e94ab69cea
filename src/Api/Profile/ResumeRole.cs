namespace RoleFerry.Api.Profile;

/// <summary>One position on a resume.</summary>
public sealed record ResumeRole(string? Title, string? Company, string? Tenure);
