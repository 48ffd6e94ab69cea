using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary><c>PATCH /api/me</c>: absent (or null) fields stay; timezone is an IANA name (checked by <see cref="TimeZoneRules"/>).</summary>
public sealed record UpdateMeRequest(string? FullName, string? Mode, string? Timezone)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (FullName is not null)
        {
            errors.Required(FullName, "fullName");
        }

        if (Mode is not null && !UserModes.IsValid(Mode))
        {
            errors.Add("mode", $"mode must be {UserModes.JobSeeker} or {UserModes.Recruiter}.");
        }

        return errors;
    }
}
