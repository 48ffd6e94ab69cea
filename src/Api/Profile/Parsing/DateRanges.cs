using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Dates of a role as resumes write them: "Jan 2020 – Present", "03/2018 - 12/2021", "2019–2023", "Since 2019",
/// "September 2015 to June 2017". <see cref="Find"/> gives the range as written.
/// </summary>
public static partial class DateRanges
{
    private const string Month =
        @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    private const string Date = @"(?:" + Month + @"\s+(?:19|20)\d{2}|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])|(?:19|20)\d{2})";

    private const string End = @"(?:" + Date + @"|present|current|now|today|ongoing|date)";

    /// <summary>The first date range in the text, as written, or null.</summary>
    public static string? Find(string text)
    {
        var match = Range().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>The text without its date ranges and years (what is left to be a title, a company or a metric).</summary>
    public static string Remove(string text) => Year().Replace(Range().Replace(text, " "), " ");

    /// <summary>The last four-digit year in the text (a graduation year), or null.</summary>
    public static int? LastYear(string text)
    {
        var years = Year().Matches(text);
        return years.Count == 0 ? null : int.Parse(years[^1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?<![\w/])(?:" + Date + @"\s*(?:[-–—]+|to|until|till)\s*" + End + @"|since\s+" + Date + @")(?![\w/])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<![\d.,$€£%])(?:19|20)\d{2}(?![\d%])")]
    private static partial Regex Year();
}
