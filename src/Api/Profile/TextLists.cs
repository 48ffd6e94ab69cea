namespace RoleFerry.Api.Profile;

/// <summary>Normalizes validated text lists before they are stored.</summary>
public static class TextLists
{
    /// <summary>Trimmed, without case-insensitive duplicates, in the given order.</summary>
    public static string[] Clean(IReadOnlyList<string?>? values) =>
        (values ?? []).Select(v => v!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Lower-cased company names or domains without a leading <c>www.</c> (as companies.domain_normalized).</summary>
    public static string[] CompanyKeys(IReadOnlyList<string?>? values) =>
        (values ?? []).Select(v => NormalizeCompanyKey(v!)).Distinct(StringComparer.Ordinal).ToArray();

    public static string NormalizeCompanyKey(string value)
    {
        var key = value.Trim().ToLowerInvariant();
        return key.StartsWith("www.", StringComparison.Ordinal) ? key[4..] : key;
    }
}
