using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Cuts a resume's lines into sections at their headings: a known heading (<see cref="SectionHeadings"/>) starts
/// its section; a short line with no digits that has the look of a known heading (the same font size and weight,
/// or the same paragraph style) starts an <see cref="SectionKind.Other"/> section, so "Side Quests" in the
/// headings' style does not run into the experience above it (unless role lines, those on or next to dates, look
/// the same).
/// </summary>
public static partial class ResumeSections
{
    public static IReadOnlyList<ResumeSection> Split(IReadOnlyList<ResumeLine> lines)
    {
        var headingStyles = lines
            .Where(l => !l.IsBullet && l.Style != "body" && SectionHeadings.Of(l.Text) is not null)
            .Select(l => l.Style)
            .ToHashSet(StringComparer.Ordinal);

        // Role titles often share the headings' look; a style seen on or next to a line with dates is not a heading's.
        for (var i = 0; i < lines.Count; i++)
        {
            if (DateRanges.Find(lines[i].Text) is not null)
            {
                for (var j = Math.Max(0, i - 1); j <= Math.Min(lines.Count - 1, i + 1); j++)
                {
                    headingStyles.Remove(lines[j].Style);
                }
            }
        }

        var sections = new List<ResumeSection>();
        var kind = SectionKind.Preamble;
        string? heading = null;
        var current = new List<ResumeLine>();
        foreach (var line in lines)
        {
            var known = line.IsBullet ? null : SectionHeadings.Of(line.Text);
            var styled = known is null && !line.IsBullet && headingStyles.Contains(line.Style) && LooksLikeHeading(line.Text);
            if (known is null && !styled)
            {
                current.Add(line);
                continue;
            }

            if (heading is not null || current.Count > 0)
            {
                sections.Add(new ResumeSection(kind, heading, current));
            }

            kind = known ?? SectionKind.Other;
            heading = line.Text.Trim().TrimEnd(':');
            current = [];
        }

        sections.Add(new ResumeSection(kind, heading, current));
        return sections;
    }

    private static bool LooksLikeHeading(string text) =>
        text.Length <= 40 && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4 && !NotHeading().IsMatch(text);

    [GeneratedRegex(@"[\d@|,\t—–]|\s-\s")]
    private static partial Regex NotHeading();
}
