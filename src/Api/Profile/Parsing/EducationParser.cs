using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Reads the education section: each part of a line (between commas, bars, dashes or tabs) naming a school
/// (University, College, Institute, School…) or a degree (BSc, M.S., MBA, PhD, Bachelor of…, Master of…) fills the
/// current entry, and a second school or degree starts the next one. The year is the last year the entry's lines
/// name (the graduation). Bullets (coursework, honours) are skipped.
/// </summary>
public static partial class EducationParser
{
    public static IReadOnlyList<ParsedEducation> Parse(IReadOnlyList<ResumeLine> lines)
    {
        var entries = new List<ParsedEducation>();
        string? school = null, degree = null;
        int? year = null;
        foreach (var line in lines.Where(l => !l.IsBullet))
        {
            var parts = Separators().Split(DateRanges.Remove(line.Text)).Select(p => p.Trim(' ', '(', ')', ',', '.')).Where(p => p.Length > 1).ToList();
            var lineSchool = parts.FirstOrDefault(p => SchoolWord().IsMatch(p));
            var lineDegree = parts.FirstOrDefault(p => p != lineSchool && DegreeWord().IsMatch(p));
            if ((lineSchool is not null && school is not null) || (lineDegree is not null && degree is not null))
            {
                entries.Add(new ParsedEducation(school, degree, year));
                (school, degree, year) = (null, null, null);
            }

            school ??= lineSchool;
            degree ??= lineDegree;
            if (lineSchool is null && lineDegree is null && school is null
                && parts.FirstOrDefault(p => char.IsUpper(p[0]) && !p.Any(char.IsDigit)) is { } named)
            {
                school = named;
            }

            year = DateRanges.LastYear(line.Text) ?? year;
        }

        if (school is not null || degree is not null)
        {
            entries.Add(new ParsedEducation(school, degree, year));
        }

        return entries;
    }

    [GeneratedRegex(@"\t|\s[|·•—–-]\s|,\s|\s{3,}|\|")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\b(?:university|universit[äé]t?|universidad|college|institute|school|academy|polytechnic|hochschule|[ée]cole|conservatory|seminary|MIT|UCLA|ETH)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex SchoolWord();

    [GeneratedRegex(@"(?:\b(?:bachelor|master|doctor|doctorate|associate|diploma|certificate|licen[cs]e|mba|phd|bsc|msc|beng|meng|llb|llm|md|jd|ged|high school|abitur)\b|\b(?:b|m)\.?\s?(?:s|a|sc|eng|ed)\.(?!\w)|\bph\.\s?d\.?|\b(?:b|m)\.(?:s|a|sc)\b|\bB\.?A\b|\bM\.?A\b|\bB\.?S\b|\bM\.?S\b)",
        RegexOptions.IgnoreCase)]
    private static partial Regex DegreeWord();
}
