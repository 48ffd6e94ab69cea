namespace RoleFerry.Api.Documents;

/// <summary>A cover-letter template: the platform's (isPlatform) or the caller's own.</summary>
public sealed record CoverLetterTemplateResponse(long Id, string Name, string Body, bool IsPlatform, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
