namespace RoleFerry.Api.Profile;

/// <summary>One position on a resume, with the lines written under it (accomplishments and key metrics of the role).</summary>
public sealed record ResumeRole(string? Title, string? Company, string? Tenure, IReadOnlyList<string?>? Bullets = null);
