namespace RoleFerry.Api.Profile;

/// <summary>One school on a resume: where, which degree, the year it ended.</summary>
public sealed record ResumeEducation(string? School, string? Degree, int? Year);
