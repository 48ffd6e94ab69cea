using System.Text.RegularExpressions;

namespace RoleFerry.Api.Documents;

/// <summary>
/// The contact line under the name on a document: the email, phone and links the resume's first lines give (its
/// header), else the account's email. Only what the person wrote.
/// </summary>
public static partial class ContactLine
{
    private const int HeaderLines = 8;

    public static string From(string? rawText, string accountEmail)
    {
        var header = string.Join(' ', (rawText ?? string.Empty).Split('\n').Take(HeaderLines));
        var parts = new List<string>();
        parts.AddRange(Email().Matches(header).Select(m => m.Value));
        parts.AddRange(Phone().Matches(header).Select(m => m.Value.Trim()));
        parts.AddRange(Link().Matches(header).Select(m => m.Value.TrimEnd('.', ',')));
        if (!parts.Any(p => p.Contains('@', StringComparison.Ordinal)))
        {
            parts.Insert(0, accountEmail);
        }

        return string.Join(" · ", parts.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"[^\s@·|,;<>()]+@[^\s@·|,;<>()]+\.[a-zA-Z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d ().-]{7,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?:https?://)?(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com)/[^\s·|,;]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
