using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Applications;

/// <summary><c>POST /api/applications</c>; status defaults to saved.</summary>
public sealed record CreateApplicationRequest(long? JobId, string? Status, string? Notes)
{
    public const int MaxNotesLength = 10_000;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.PositiveId(JobId, "jobId");
        if (Status is not null && !ApplicationStatuses.IsValid(Status))
        {
            errors.Add("status", $"status must be one of {ApplicationStatuses.Expected}.");
        }

        if (Notes is not null)
        {
            errors.MaxLength(Notes, "notes", MaxNotesLength);
        }

        return errors;
    }
}
