using System.Text.Json;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Matching;
using RoleFerry.Api.Profile;

namespace RoleFerry.Api.Documents;

/// <summary>
/// Arranges a resume for a job without adding anything to it. Matched skills: the resume's skills the job asks for
/// (its keywords, or named in its title or description) and the job's keywords the resume's text names, most
/// mentioned by the job first; missing skills: the job's keywords the resume never names (listed, never claimed).
/// Skills: matched first, then the rest of the resume's. Each role's bullets: by how many of the job's keywords
/// and matched skills they name (ties keep the resume's order). Summary: the latest title and the top three
/// matched skills, all read from the resume.
/// </summary>
public static class ResumeTailor
{
    public const int TopSkills = 3;

    public static TailoredResume Tailor(ResumeResponse resume, JobResponse job)
    {
        var jobText = (job.Title + "\n" + job.Description).ToLowerInvariant();
        var keywords = job.Keywords.Select(SkillText.Normalize).Where(k => k.Length > 0).Distinct().ToList();
        var resumeText = string.Join('\n', new[] { resume.RawText ?? string.Empty }
            .Concat(resume.Roles.SelectMany(r => r.Bullets ?? []).OfType<string>())
            .Concat(resume.KeyMetrics.Select(Text))
            .Concat(resume.Accomplishments.Select(Text)));
        var lowerResume = resumeText.ToLowerInvariant();

        var matched = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in resume.Skills)
        {
            var normal = SkillText.Normalize(skill);
            if ((keywords.Contains(normal) || SkillText.Contains(jobText, normal)) && seen.Add(normal))
            {
                matched.Add(skill);
            }
        }

        foreach (var keyword in keywords.Where(k => !seen.Contains(k) && SkillText.Contains(lowerResume, k)))
        {
            seen.Add(keyword);
            matched.Add(Written(resumeText, lowerResume, keyword));
        }

        matched = matched
            .Select((skill, order) => (skill, order, mentions: Mentions(jobText, SkillText.Normalize(skill))))
            .OrderByDescending(m => m.mentions).ThenBy(m => m.order)
            .Select(m => m.skill)
            .ToList();
        var missing = keywords.Where(k => !seen.Contains(k)).ToList();
        var skills = matched.Concat(resume.Skills.Where(s => !seen.Contains(SkillText.Normalize(s)))).ToList();
        var terms = keywords.Concat(seen).Distinct().ToList();

        var roles = resume.Roles
            .Select(r => new VersionRole(r.Title, r.Company, r.Tenure, ByRelevance((r.Bullets ?? []).OfType<string>(), terms)))
            .ToList();
        var inRoles = roles.SelectMany(r => r.Bullets).ToHashSet(StringComparer.Ordinal);
        var highlights = ByRelevance(resume.Accomplishments.Select(Text).Concat(resume.KeyMetrics.Select(Text))
            .Where(t => t.Length > 0 && !inRoles.Contains(t)).Distinct(), terms);
        return new TailoredResume(Summary(resume, matched), skills, matched, missing, roles, highlights);
    }

    /// <summary>The text of a key metric or accomplishment: a string, or an object's values joined.</summary>
    public static string Text(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString()!.Trim(),
        JsonValueKind.Object => string.Join(": ", item.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())),
        _ => string.Empty,
    };

    /// <summary>How many of the terms a text names.</summary>
    public static int Relevance(string text, IEnumerable<string> terms)
    {
        var lower = text.ToLowerInvariant();
        return terms.Count(t => SkillText.Contains(lower, t));
    }

    private static List<string> ByRelevance(IEnumerable<string> lines, IReadOnlyList<string> terms) =>
        lines.Select((line, order) => (line, order, hits: Relevance(line, terms)))
            .OrderByDescending(l => l.hits).ThenBy(l => l.order)
            .Select(l => l.line)
            .ToList();

    private static string Summary(ResumeResponse resume, IReadOnlyList<string> matched)
    {
        var latest = resume.Roles.FirstOrDefault();
        var top = EnglishList.Join(matched.Take(TopSkills).ToList());
        return (latest?.Title, top.Length > 0) switch
        {
            ({ } title, true) => $"{title} with experience in {top}.",
            (null, true) => $"Experience in {top}.",
            ({ } title, false) => latest!.Company is { } company ? $"{title} at {company}." : $"{title}.",
            _ => string.Empty,
        };
    }

    private static int Mentions(string lowerText, string term)
    {
        var count = 0;
        for (var at = lowerText.IndexOf(term, StringComparison.Ordinal); at >= 0; at = lowerText.IndexOf(term, at + term.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The keyword as the resume writes it ("Kubernetes" for "kubernetes").</summary>
    private static string Written(string text, string lower, string keyword)
    {
        var at = lower.IndexOf(keyword, StringComparison.Ordinal);
        return at >= 0 && lower.Length == text.Length ? text.Substring(at, keyword.Length) : keyword;
    }
}
