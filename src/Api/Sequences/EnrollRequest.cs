namespace RoleFerry.Api.Sequences;

/// <summary>POST /api/applications/{id}/sequences.</summary>
public sealed record EnrollRequest(long? ContactId, long? TemplateId, Dictionary<string, string>? Variables);
