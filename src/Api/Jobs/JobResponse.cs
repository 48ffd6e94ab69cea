namespace RoleFerry.Api.Jobs;

/// <summary>A job of the shared catalogue, with the skills extracted from its text.</summary>
public sealed record JobResponse(
    long Id,
    string? ExternalId,
    string Source,
    string Title,
    long CompanyId,
    JobCompany Company,
    string? Location,
    bool Remote,
    string? JobType,
    string? Description,
    int? CompMin,
    int? CompMax,
    DateTimeOffset? PostedDate,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> Keywords,
    DateTimeOffset CreatedAt,
    string? Url,
    string? ApplyUrl,
    bool? RequiresVisaSponsorship);
