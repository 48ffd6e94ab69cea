namespace RoleFerry.Web.Jobs;

/// <summary><c>POST /api/jobs</c>'s body.</summary>
public sealed record NewJob(
    string Source,
    string? Title,
    long CompanyId,
    string? Location,
    bool Remote,
    string? JobType,
    string? Description,
    int? CompMin,
    int? CompMax);
