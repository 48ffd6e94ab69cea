namespace RoleFerry.Api.Profile;

/// <summary>An uploaded resume file as stored: its (cleaned) name, its detected content type, its bytes and how well it parsed.</summary>
public sealed record UploadedResume(string FileName, string ContentType, byte[] Content, string ParsingStatus);
