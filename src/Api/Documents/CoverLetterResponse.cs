namespace RoleFerry.Api.Documents;

/// <summary>A cover letter of an application, rendered from a template (null once the template is deleted) and maybe edited.</summary>
public sealed record CoverLetterResponse(long Id, long ApplicationId, long? TemplateId, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
