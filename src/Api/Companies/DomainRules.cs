using System.Text.RegularExpressions;

namespace RoleFerry.Api.Companies;

/// <summary>
/// Company domains: a host name such as <c>acme.com</c> or <c>www.Acme.com</c> (no scheme, path or port). Two
/// domains are the same company when they match case-insensitively without a leading <c>www.</c>, exactly as
/// the column companies.domain_normalized computes it.
/// </summary>
public static partial class DomainRules
{
    public const int MaxLength = 253;

    public static string Normalize(string domain)
    {
        var host = domain.Trim().ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    public static bool IsValid(string? domain) =>
        domain is not null && domain.Trim().Length <= MaxLength && HostName().IsMatch(Normalize(domain));

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex HostName();
}
