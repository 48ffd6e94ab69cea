namespace RoleFerry.Api.Profile;

/// <summary><c>POST /api/me/resume/file</c>: the stored file and the resume parsed from it (now the caller's resume).</summary>
public sealed record ResumeFileResponse(
    long Id,
    string FileName,
    string ContentType,
    int SizeBytes,
    DateTimeOffset UploadedAt,
    string ParsingStatus,
    ResumeResponse Resume);
