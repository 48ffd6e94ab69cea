using System.Net.Mail;
using System.Text.RegularExpressions;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// What the API accepts as an email address: one <c>local@domain.tld</c> address, no display name, no spaces,
/// at most 320 characters (the database checks a looser shape).
/// </summary>
public static partial class EmailRules
{
    public const int MaxLength = 320;

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > MaxLength || !Shape().IsMatch(email))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0;
    }

    /// <summary>Adds an error for <paramref name="field"/> unless the address is valid.</summary>
    public static void Validate(string? email, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (!IsValid(email.Trim()))
        {
            errors.Add(field, $"{field} must be a valid email address like name@example.com.");
        }
    }

    [GeneratedRegex(@"^[^@\s""<>(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex Shape();
}
