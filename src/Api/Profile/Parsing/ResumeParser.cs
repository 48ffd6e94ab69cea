namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Turns a resume's lines into its parts: <see cref="ResumeSections"/> by heading, then each section by its reader
/// (<see cref="ExperienceParser"/>, <see cref="EducationParser"/>, <see cref="SkillsParser"/>,
/// <see cref="MetricSentences"/>). Nothing is added that the text does not say.
/// </summary>
public static class ResumeParser
{
    public const string Parsed = "parsed";
    public const string Partial = "partial";

    public static ParsedResume Parse(IReadOnlyList<ResumeLine> lines)
    {
        lines = lines.Select(l => l with { Text = Printable(l.Text) }).Where(l => l.Text.Trim().Length > 0).ToList();
        var rawText = string.Join('\n', lines.Select(l => l.IsBullet ? "• " + l.Text : l.Text));
        var sections = ResumeSections.Split(lines);
        var loose = new List<string>();
        var roles = sections.Where(s => s.Kind == SectionKind.Experience).SelectMany(s => ExperienceParser.Parse(s.Lines, loose)).ToList();
        var education = sections.Where(s => s.Kind == SectionKind.Education).SelectMany(s => EducationParser.Parse(s.Lines)).ToList();
        var skills = SkillsParser.Parse(sections.Where(s => s.Kind == SectionKind.Skills).SelectMany(s => s.Lines), rawText);
        var achievements = sections.Where(s => s.Kind == SectionKind.Accomplishments).SelectMany(s => s.Lines).Select(l => l.Text.Trim());
        var summary = sections.Where(s => s.Kind == SectionKind.Summary).SelectMany(s => s.Lines).Select(l => l.Text.Trim());
        var bullets = roles.SelectMany(r => r.Bullets).Concat(loose).Concat(achievements).ToList();

        var keyMetrics = MetricSentences.From(bullets.Concat(summary)).Distinct(StringComparer.Ordinal).ToList();
        var accomplishments = bullets.Where(b => !MetricSentences.From([b]).Any()).Distinct(StringComparer.Ordinal).ToList();
        var found = sections.Select(s => s.Kind).ToHashSet();
        var complete = found.Contains(SectionKind.Experience) && found.Contains(SectionKind.Education) && found.Contains(SectionKind.Skills)
                       && roles.Count > 0;
        return new ParsedResume(roles, keyMetrics, accomplishments, skills, education, rawText, complete ? Parsed : Partial);
    }

    /// <summary>The text without control characters other than tabs (a NUL cannot be stored).</summary>
    private static string Printable(string text) =>
        text.Any(c => char.IsControl(c) && c != '\t') ? new string(text.Where(c => !char.IsControl(c) || c == '\t').ToArray()) : text;
}
