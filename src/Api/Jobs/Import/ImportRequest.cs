namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// <c>POST /api/jobs/import</c> as JSON: a saved posting page (<c>html</c>, with the address it came from when
/// known), or only the <c>url</c> of a page for RoleFerry to fetch.
/// </summary>
public sealed record ImportRequest(string? Html, string? Url);
