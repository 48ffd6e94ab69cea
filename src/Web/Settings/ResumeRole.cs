namespace RoleFerry.Web.Settings;

public sealed record ResumeRole(string? Title, string? Company, string? Tenure);
