using System.Globalization;
using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The day an out-of-office message says its author is back: the first date introduced by "back", "return(ing)",
/// "until", "till", "through" (or zurück / bis / retour / jusqu'au) within the same sentence, written as
/// 2026-12-14, 14 December (2026), December 14th, 14/12, 14.12.2026 or with a weekday ("Monday 14/12").
/// A date without a year is the next one (a date more than 30 days past is next year's); 14/12 is day/month
/// unless only month/day makes a date, and a weekday settles which when both do. Dates more than 30 days past or
/// more than a year ahead are ignored. Pure: "today" is given.
/// </summary>
public static partial class ReturnDateParser
{
    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    public static DateOnly? Parse(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in DateExpression().Matches(text))
        {
            if (!IntroducedAsReturn(text, match.Index))
            {
                continue;
            }

            if (Resolve(match, today) is { } date && date >= today.AddDays(-30) && date <= today.AddDays(366))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>A return word before the date, in the same sentence and at most 60 characters away.</summary>
    private static bool IntroducedAsReturn(string text, int index)
    {
        var start = Math.Max(0, index - 60);
        var before = text[start..index];
        var sentence = SentenceEnd().Matches(before) is { Count: > 0 } ends ? before[(ends[^1].Index + ends[^1].Length)..] : before;
        return ReturnWord().IsMatch(sentence);
    }

    private static DateOnly? Resolve(Match match, DateOnly today)
    {
        DayOfWeek? weekday = match.Groups["wd"].Success ? Weekdays[match.Groups["wd"].Value[..3]] : null;
        int? year = match.Groups["y"].Success ? Year(match.Groups["y"].Value) : null;
        if (match.Groups["iso"].Success)
        {
            return Date(year!.Value, Number(match.Groups["m"]), Number(match.Groups["d"]));
        }

        if (match.Groups["month"].Success)
        {
            var month = Array.IndexOf(Months, match.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
            return WithYear(year, month, Number(match.Groups["d"]), today);
        }

        var a = Number(match.Groups["a"]);
        var b = Number(match.Groups["b"]);
        var dayMonth = WithYear(year, b, a, today);
        var monthDay = WithYear(year, a, b, today);
        if (weekday is { } wd)
        {
            if (dayMonth?.DayOfWeek == wd)
            {
                return dayMonth;
            }

            if (monthDay?.DayOfWeek == wd)
            {
                return monthDay;
            }
        }

        return dayMonth ?? monthDay;
    }

    /// <summary>The date with the year given, else the next such date (this year's unless more than 30 days past).</summary>
    private static DateOnly? WithYear(int? year, int month, int day, DateOnly today)
    {
        if (year is { } y)
        {
            return Date(y, month, day);
        }

        var date = Date(today.Year, month, day) ?? Date(today.Year + 1, month, day);
        return date is { } d && d < today.AddDays(-30) ? Date(today.Year + 1, month, day) : date;
    }

    private static DateOnly? Date(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int Year(string value) =>
        int.Parse(value, CultureInfo.InvariantCulture) is var y && y < 100 ? 2000 + y : y;

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(back|return|returns|returning|returned|until|till|til|through|thru|zur(ü|ue)ck|bis|retour|jusqu)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReturnWord();

    /// <summary>A sentence end: ". " or "! " or "? " or a line break (not the dots inside 14.12.2026).</summary>
    [GeneratedRegex(@"[.!?](\s|$)|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(
        """
        (?:\b(?<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:the\s+)?)?
        (?:
            (?<iso>\b(?<y>20\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})\b)
          | \b(?<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(?<y>20\d{2})\b)?
          | \b(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>20\d{2})\b)?
          | \b(?<a>\d{1,2})[/.](?<b>\d{1,2})(?:[/.](?<y>(?:20)?\d{2}))?(?![\d:/])(?!\s*(?:am|pm|h|uhr)\b)
        )
        """,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DateExpression();
}
