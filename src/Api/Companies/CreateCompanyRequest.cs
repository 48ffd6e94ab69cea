using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Companies;

/// <summary><c>POST /api/companies</c>.</summary>
public sealed record CreateCompanyRequest(
    string? Name,
    string? Domain,
    string? Size,
    string? Industry,
    string? Website,
    string? LinkedinUrl)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(Name, "name");
        if (string.IsNullOrWhiteSpace(Domain))
        {
            errors.Add("domain", "domain is required.");
        }
        else if (!DomainRules.IsValid(Domain))
        {
            errors.Add("domain", "domain must be a host name like acme.com (no scheme, path or port).");
        }

        errors.Optional(Size, "size", 50);
        errors.Optional(Industry, "industry");
        Url(Website, "website", errors);
        Url(LinkedinUrl, "linkedinUrl", errors);
        return errors;
    }

    internal static void Url(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (value.Length > 2000 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(field, $"{field} must be an absolute http(s) URL.");
        }
    }
}
