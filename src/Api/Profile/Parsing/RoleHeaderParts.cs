using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Tells a role's title from its company among the parts of its header lines ("Senior Engineer at Acme",
/// "Acme Corp — Berlin ⇥ 2019–2023", "Staff Engineer | Initech"). A part naming a job word (engineer, manager,
/// director…) is the title; a part with a company word (Inc, GmbH, Labs…) or the first other part is the company;
/// places ("Remote", "Berlin, Germany", "NY") are neither.
/// </summary>
public static partial class RoleHeaderParts
{
    private static readonly HashSet<string> TitleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "engineer", "engineering", "developer", "manager", "director", "analyst", "designer", "lead", "head", "consultant", "specialist",
        "scientist", "architect", "intern", "internship", "officer", "coordinator", "administrator", "associate", "assistant", "vp",
        "president", "founder", "co-founder", "cofounder", "cto", "ceo", "cfo", "coo", "cpo", "owner", "recruiter", "marketer",
        "accountant", "writer", "editor", "teacher", "nurse", "representative", "executive", "strategist", "researcher", "technician",
        "programmer", "sre", "devops", "partner", "principal", "staff", "senior", "junior", "sr", "jr", "product", "support", "agent",
        "advisor", "adviser", "fellow", "professor", "lecturer", "instructor", "clerk", "operator", "supervisor", "trainee",
        "apprentice", "contractor", "freelance", "freelancer", "tester", "qa", "dev", "programmer", "chief", "manager,", "student",
        "volunteer", "mentor", "generalist", "marketing", "sales", "backend", "frontend", "full-stack", "fullstack", "software",
    };

    private static readonly HashSet<string> CompanyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "inc.", "llc", "ltd", "ltd.", "gmbh", "corp", "corp.", "corporation", "co.", "company", "plc", "ag", "sa", "s.a.", "bv",
        "labs", "lab", "technologies", "technology", "systems", "group", "solutions", "bank", "university", "studio", "studios",
        "agency", "ventures", "capital", "partners", "holdings", "software", "networks", "health", "media", "games", "foundation",
    };

    private static readonly HashSet<string> Places = new(StringComparer.OrdinalIgnoreCase)
    {
        "remote", "hybrid", "on-site", "onsite", "usa", "us", "u.s.", "united states", "uk", "united kingdom", "germany", "france",
        "spain", "italy", "netherlands", "canada", "india", "australia", "ireland", "portugal", "poland", "sweden", "switzerland",
        "austria", "belgium", "denmark", "norway", "finland", "japan", "singapore", "brazil", "mexico", "israel", "china", "europe",
        "emea", "worldwide", "anywhere",
    };

    /// <summary>The title and the company among the header's texts (either may be null).</summary>
    public static (string? Title, string? Company) Parse(IEnumerable<string> headerTexts)
    {
        var parts = new List<string>();
        string? atTitle = null, atCompany = null;
        foreach (var raw in headerTexts)
        {
            var text = DateRanges.Remove(raw);
            var at = At().Match(text);
            if (at.Success && atTitle is null)
            {
                atTitle = Clean(text[..at.Index]);
                atCompany = Split(text[(at.Index + at.Length)..]).FirstOrDefault(p => !IsPlace(p));
                continue;
            }

            parts.AddRange(Split(text).Where(p => !IsPlace(p)));
        }

        if (!string.IsNullOrEmpty(atTitle))
        {
            return (atTitle, atCompany ?? parts.FirstOrDefault(p => !IsTitle(p)));
        }

        if (parts.Count == 0)
        {
            return (null, null);
        }

        var title = parts.OrderByDescending(TitleScore).First();
        if (TitleScore(title) == 0)
        {
            title = parts.Count > 1 && CompanyScore(parts[0]) > 0 ? parts[1] : parts[0];
        }

        var company = parts.Where(p => p != title).OrderByDescending(CompanyScore).FirstOrDefault(p => CompanyScore(p) > 0)
                      ?? parts.FirstOrDefault(p => p != title && TitleScore(p) == 0)
                      ?? parts.FirstOrDefault(p => p != title);
        return (title, company);
    }

    /// <summary>The parts between separators; a lone legal suffix ("Acme, Inc.") stays with the name before it.</summary>
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        foreach (var part in Separators().Split(text).Select(Clean).Where(p => p.Length > 1 && p.Any(char.IsLetter)))
        {
            if (parts.Count > 0 && Suffix().IsMatch(part))
            {
                parts[^1] += ", " + part;
            }
            else
            {
                parts.Add(part);
            }
        }

        return parts;
    }

    private static string Clean(string part) => part.Trim().Trim('(', ')', '[', ']', ',', ';', ':', '|', '-', '–', '—', '·').Trim();

    private static bool IsTitle(string part) => TitleScore(part) > 0;

    private static int TitleScore(string part) =>
        Words(part).Count(TitleWords.Contains) - Words(part).Count(CompanyWords.Contains);

    private static int CompanyScore(string part) => Words(part).Count(CompanyWords.Contains) - Words(part).Count(TitleWords.Contains);

    private static string[] Words(string part) => part.Split([' ', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsPlace(string part)
    {
        var text = part.Trim().TrimEnd('.');
        return Places.Contains(text) || StateCode().IsMatch(text) || text.Split(' ').Any(w => w.Equals("remote", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"\s+(?:at|@)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex At();

    [GeneratedRegex(@"\t|\s[|·•—–-]\s|\s—|—\s|,\s|\s{3,}|\|")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:inc|llc|ltd|gmbh|corp|plc|ag|sa|bv|co)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Suffix();

    [GeneratedRegex(@"^[A-Z]{2}$")]
    private static partial Regex StateCode();
}
