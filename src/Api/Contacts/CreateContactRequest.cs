using RoleFerry.Api.Companies;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Contacts;

/// <summary>
/// <c>POST /api/contacts</c>. firstName / lastName default to the first and the remaining words of fullName;
/// timezone is an IANA name (e.g. Europe/Paris); emailConfidence 0..100.
/// </summary>
public sealed record CreateContactRequest(
    long? CompanyId,
    string? FullName,
    string? Email,
    string? FirstName,
    string? LastName,
    string? Title,
    string? Source,
    string? Timezone,
    int? EmailConfidence,
    string? LinkedinUrl)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.PositiveId(CompanyId, "companyId");
        errors.Required(FullName, "fullName");
        EmailRules.Validate(Email, "email", errors);
        errors.Optional(FirstName, "firstName");
        errors.Optional(LastName, "lastName");
        errors.Optional(Title, "title");
        errors.Required(Source, "source", 50);
        if (!string.IsNullOrWhiteSpace(Timezone) && (Timezone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(Timezone.Trim(), out _)))
        {
            errors.Add("timezone", "timezone must be an IANA time zone such as Europe/Paris.");
        }

        if (EmailConfidence is < 0 or > 100)
        {
            errors.Add("emailConfidence", "emailConfidence must be between 0 and 100.");
        }

        CreateCompanyRequest.Url(LinkedinUrl, "linkedinUrl", errors);
        return errors;
    }

    public (string? First, string? Last) Names()
    {
        var words = FullName!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = Text.OrNull(FirstName) ?? words.FirstOrDefault();
        var last = Text.OrNull(LastName) ?? (words.Length > 1 ? string.Join(' ', words[1..]) : null);
        return (first, last);
    }
}
