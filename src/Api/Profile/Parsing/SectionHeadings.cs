using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// The headings resumes use, by section (compared lower case, letters only, "&amp;" read as "and", a trailing colon
/// ignored, spaced-out capitals such as "E X P E R I E N C E" joined).
/// </summary>
public static partial class SectionHeadings
{
    private static readonly Dictionary<string, SectionKind> Known = Build(
        (SectionKind.Summary, ["summary", "professional summary", "career summary", "executive summary", "profile", "professional profile",
            "personal profile", "about", "about me", "objective", "career objective", "professional objective", "overview", "introduction"]),
        (SectionKind.Experience, ["experience", "work experience", "professional experience", "relevant experience", "work history",
            "employment", "employment history", "career history", "professional background", "career", "positions", "work",
            "experience and projects", "professional history", "industry experience", "technical experience"]),
        (SectionKind.Education, ["education", "education and training", "education and certifications", "academic background",
            "academic history", "academics", "education history", "qualifications", "academic qualifications", "studies"]),
        (SectionKind.Skills, ["skills", "technical skills", "core skills", "key skills", "skills and tools", "skills and technologies",
            "skills and abilities", "skills and expertise", "skills and competencies", "core competencies", "competencies",
            "technologies", "tech stack", "tools", "tools and technologies", "areas of expertise", "expertise",
            "technical proficiencies", "proficiencies", "technical expertise", "toolbox", "software"]),
        (SectionKind.Accomplishments, ["accomplishments", "achievements", "key achievements", "key accomplishments",
            "selected achievements", "highlights", "career highlights", "awards and achievements"]),
        (SectionKind.Other, ["projects", "personal projects", "side projects", "selected projects", "certifications", "certificates",
            "licenses and certifications", "certifications and licenses", "awards", "honors", "honors and awards", "awards and honors",
            "publications", "languages", "interests", "hobbies", "hobbies and interests", "volunteer", "volunteering",
            "volunteer experience", "references", "activities", "courses", "training", "contact", "contact information",
            "links", "leadership", "affiliations", "memberships", "patents", "talks", "speaking", "open source"]));

    /// <summary>The section a line heads, or null when it is not a known heading.</summary>
    public static SectionKind? Of(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.Length > 60)
        {
            return null;
        }

        return Known.TryGetValue(Normalize(text), out var kind) ? kind : null;
    }

    /// <summary>Lower case words of letters only; "&amp;" and "/" become "and".</summary>
    public static string Normalize(string text)
    {
        if (SpacedCapitals().IsMatch(text))
        {
            text = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        text = text.Replace("&", " and ", StringComparison.Ordinal).Replace("/", " and ", StringComparison.Ordinal);
        return string.Join(' ', NotLetters().Split(text.ToLowerInvariant()).Where(w => w.Length > 0));
    }

    private static Dictionary<string, SectionKind> Build(params (SectionKind Kind, string[] Names)[] groups)
    {
        var known = new Dictionary<string, SectionKind>(StringComparer.Ordinal);
        foreach (var (kind, names) in groups)
        {
            foreach (var name in names)
            {
                known[name] = kind;
            }
        }

        return known;
    }

    [GeneratedRegex(@"^(?:\p{Lu} ){3,}\p{Lu}$")]
    private static partial Regex SpacedCapitals();

    [GeneratedRegex(@"[^\p{L}]+")]
    private static partial Regex NotLetters();
}
