using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs;

/// <summary><c>POST /api/jobs</c>; url (the posting) and applyUrl are absolute http(s) URLs.</summary>
public sealed record CreateJobRequest(
    string? ExternalId,
    string? Source,
    string? Title,
    long? CompanyId,
    string? Location,
    bool? Remote,
    string? JobType,
    string? Description,
    int? CompMin,
    int? CompMax,
    DateTimeOffset? PostedDate,
    DateTimeOffset? ExpiresAt,
    string? Url = null,
    string? ApplyUrl = null,
    bool? RequiresVisaSponsorship = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Optional(ExternalId, "externalId");
        errors.Required(Source, "source", 50);
        errors.Required(Title, "title");
        errors.PositiveId(CompanyId, "companyId");
        errors.Optional(Location, "location");
        errors.Optional(JobType, "jobType", 50);
        if (Description is not null)
        {
            errors.MaxLength(Description, "description", ValidationErrors.MaxLongTextLength);
        }

        errors.Validate(Url, "url");
        errors.Validate(ApplyUrl, "applyUrl");
        errors.NonNegative(CompMin, "compMin");
        errors.NonNegative(CompMax, "compMax");
        if (CompMin > CompMax)
        {
            errors.Add("compMin", "compMin must not be greater than compMax.");
        }

        if (PostedDate is { } posted && ExpiresAt is { } expires && expires <= posted)
        {
            errors.Add("expiresAt", "expiresAt must be after postedDate.");
        }

        return errors;
    }

    public NewJob ToNewJob() => new(
        Text.OrNull(ExternalId),
        Source!.Trim(),
        Title!.Trim(),
        CompanyId!.Value,
        Text.OrNull(Location),
        Remote ?? false,
        Text.OrNull(JobType),
        Description,
        CompMin,
        CompMax,
        PostedDate,
        ExpiresAt,
        Text.OrNull(Url),
        Text.OrNull(ApplyUrl),
        RequiresVisaSponsorship);
}
