namespace RoleFerry.Api.Profile;

/// <summary>The uploaded file a resume was parsed from (<c>GET /api/me/resume/file</c> gives its bytes).</summary>
public sealed record ResumeSourceFile(long Id, string FileName);
