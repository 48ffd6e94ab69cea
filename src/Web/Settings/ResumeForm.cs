using System.Text.Json;

namespace RoleFerry.Web.Settings;

/// <summary>
/// The resume as a form (<c>PUT /api/me/resume</c>): roles one per line as "Title | Company | Tenure", key metrics and
/// accomplishments one per line, skills comma-separated, and the resume's text.
/// </summary>
public sealed class ResumeForm
{
    public string? Roles { get; set; }

    public string? KeyMetrics { get; set; }

    public string? Accomplishments { get; set; }

    public string? Skills { get; set; }

    public string? RawText { get; set; }

    public static ResumeForm From(Resume? resume) => resume is null ? new ResumeForm() : new ResumeForm
    {
        Roles = TextList.ToLines(resume.Roles.Select(r => string.Join(" | ", new[] { r.Title, r.Company, r.Tenure }.Select(v => v ?? "")).TrimEnd(' ', '|'))),
        KeyMetrics = TextList.ToLines(resume.KeyMetrics.Select(Text)),
        Accomplishments = TextList.ToLines(resume.Accomplishments.Select(Text)),
        Skills = TextList.ToCommas(resume.Skills),
        RawText = resume.RawText,
    };

    public object ToRequest() => new
    {
        roles = TextList.FromLines(Roles).Select(line => line.Split('|', StringSplitOptions.TrimEntries)).Select(parts => new
        {
            title = parts[0],
            company = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null,
            tenure = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null,
        }).ToList(),
        keyMetrics = TextList.FromLines(KeyMetrics),
        accomplishments = TextList.FromLines(Accomplishments),
        skills = TextList.FromCommas(Skills),
        rawText = RawText,
    };

    private static string Text(JsonElement item) => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
}
