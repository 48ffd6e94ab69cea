namespace RoleFerry.Web.Jobs;

/// <summary>A job of the catalogue (<c>GET /api/jobs/{id}</c>).</summary>
public sealed record Job(
    long Id,
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
    DateTimeOffset CreatedAt);
