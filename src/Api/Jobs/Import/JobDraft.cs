namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A posting as a source gave it, before validation: its company by name and domain (the company is found or
/// created by domain), the job's fields and links.
/// </summary>
public sealed record JobDraft(
    string Source,
    string? ExternalId,
    string? Title,
    string? CompanyName,
    string? CompanyDomain,
    string? Location,
    bool Remote,
    string? JobType,
    string? Description,
    int? CompMin,
    int? CompMax,
    DateTimeOffset? PostedDate,
    DateTimeOffset? ExpiresAt,
    string? Url,
    string? ApplyUrl);
