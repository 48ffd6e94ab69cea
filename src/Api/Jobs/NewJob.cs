namespace RoleFerry.Api.Jobs;

/// <summary>A job to find or create (from <c>POST /api/jobs</c> or an import row), its company already known.</summary>
public sealed record NewJob(
    string? ExternalId,
    string Source,
    string Title,
    long CompanyId,
    string? Location,
    bool Remote,
    string? JobType,
    string? Description,
    int? CompMin,
    int? CompMax,
    DateTimeOffset? PostedDate,
    DateTimeOffset? ExpiresAt,
    string? Url,
    string? ApplyUrl,
    bool? RequiresVisaSponsorship)
{
    /// <summary>The skills its title and description name (job_keywords).</summary>
    public string[] Keywords() => KeywordExtractor.Extract(Title, Description);
}
