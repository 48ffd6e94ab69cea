using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs;

/// <summary>
/// The links of a job (the posting, where to apply): absolute http(s) URLs. Two links are the same posting when
/// their <see cref="Key"/>s are equal, exactly as the column jobs.url_key computes it (lower case, without the
/// fragment and trailing slashes).
/// </summary>
public static class JobUrls
{
    public const int MaxLength = 2000;

    public static bool IsHttp(string? value) =>
        value is not null
        && value.Trim().Length <= MaxLength
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>An optional link: absent or blank is fine, else an absolute http(s) URL.</summary>
    public static void Validate(this ValidationErrors errors, string? value, string field)
    {
        if (!string.IsNullOrWhiteSpace(value) && !IsHttp(value))
        {
            errors.Add(field, $"{field} must be an absolute http or https URL.");
        }
    }

    public static string Key(string url)
    {
        var trimmed = url.Trim(' ');
        var hash = trimmed.IndexOf('#', StringComparison.Ordinal);
        return (hash < 0 ? trimmed : trimmed[..hash]).TrimEnd('/').ToLowerInvariant();
    }
}
