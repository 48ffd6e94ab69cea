using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Applications;

/// <summary><c>PATCH /api/applications/{id}</c>: absent (or null) fields stay; notes "" clears the notes.</summary>
public sealed record UpdateApplicationRequest(string? Status, string? Notes)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Status is not null && !ApplicationStatuses.IsValid(Status))
        {
            errors.Add("status", $"status must be one of {ApplicationStatuses.Expected}.");
        }

        if (Notes is not null)
        {
            errors.MaxLength(Notes, "notes", CreateApplicationRequest.MaxNotesLength);
        }

        return errors;
    }
}
