using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? FullName, string? Mode)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        EmailRules.Validate(Email, "email", errors);
        if (string.IsNullOrEmpty(Password))
        {
            errors.Add("password", "password is required.");
        }
        else if (Password.Length < MinPasswordLength)
        {
            errors.Add("password", $"password must be at least {MinPasswordLength} characters.");
        }
        else if (Password.Length > MaxPasswordLength)
        {
            errors.Add("password", $"password must be at most {MaxPasswordLength} characters.");
        }

        errors.Required(FullName, "fullName");
        if (string.IsNullOrWhiteSpace(Mode))
        {
            errors.Add("mode", "mode is required.");
        }
        else if (!UserModes.IsValid(Mode))
        {
            errors.Add("mode", $"mode must be {UserModes.JobSeeker} or {UserModes.Recruiter}.");
        }

        return errors;
    }
}
