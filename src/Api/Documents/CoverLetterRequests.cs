namespace RoleFerry.Api.Documents;

/// <summary><c>POST /api/applications/{id}/cover-letters</c>: the template (default: the platform's "Cover Letter Default").</summary>
public sealed record CreateCoverLetterRequest(long? TemplateId);

/// <summary><c>PATCH /api/cover-letters/{id}</c>: the edited letter.</summary>
public sealed record UpdateCoverLetterRequest(string? Body);
