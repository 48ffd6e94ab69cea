using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary><c>POST /api/me/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            errors.Add("currentPassword", "currentPassword is required.");
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            errors.Add("newPassword", "newPassword is required.");
        }
        else if (NewPassword.Length < RegisterRequest.MinPasswordLength)
        {
            errors.Add("newPassword", $"newPassword must be at least {RegisterRequest.MinPasswordLength} characters.");
        }
        else if (NewPassword.Length > RegisterRequest.MaxPasswordLength)
        {
            errors.Add("newPassword", $"newPassword must be at most {RegisterRequest.MaxPasswordLength} characters.");
        }

        return errors;
    }
}
