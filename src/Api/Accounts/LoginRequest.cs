using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

public sealed record LoginRequest(string? Email, string? Password)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(Email, "email", EmailRules.MaxLength);
        if (string.IsNullOrEmpty(Password))
        {
            errors.Add("password", "password is required.");
        }
        else if (Password.Length > RegisterRequest.MaxPasswordLength)
        {
            errors.Add("password", $"password must be at most {RegisterRequest.MaxPasswordLength} characters.");
        }

        return errors;
    }
}
