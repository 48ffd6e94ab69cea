using System.Text.RegularExpressions;
using Npgsql;

namespace RoleFerry.Api.Documents;

/// <summary>
/// The variables of a cover letter, from the application and the resume: full_name, first_name, company, role,
/// matched_skills ("A, B and C", the top three; else the resume's first three skills), top_metric (the key metric
/// naming most of the job's keywords), latest_title, latest_company, hiring_manager (the caller's contact at the
/// company whose title reads most like the hiring manager's, else "Hiring Manager"). A template's other
/// <c>{{variables}}</c> are <see cref="Unknown"/>.
/// </summary>
public static partial class CoverLetterVariables
{
    public static readonly IReadOnlyList<string> Names =
        ["full_name", "first_name", "company", "role", "matched_skills", "top_metric", "latest_title", "latest_company", "hiring_manager"];

    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(
        NpgsqlDataSource db, long userId, ApplicationDocumentsContext context, CancellationToken ct)
    {
        var resume = context.Resume;
        var tailored = resume is null ? null : ResumeTailor.Tailor(resume, context.Job);
        var skills = tailored is { MatchedSkills.Count: > 0 } ? tailored.MatchedSkills : resume?.Skills ?? [];
        var terms = context.Job.Keywords;
        var metric = resume?.KeyMetrics.Select(ResumeTailor.Text).Where(m => m.Length > 0)
            .Select((text, order) => (text, order, hits: ResumeTailor.Relevance(text, terms)))
            .OrderByDescending(m => m.hits).ThenBy(m => m.order).Select(m => m.text).FirstOrDefault();
        var latest = resume?.Roles.FirstOrDefault();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["full_name"] = context.FullName,
            ["first_name"] = context.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? context.FullName,
            ["company"] = context.Job.Company.Name,
            ["role"] = context.Job.Title,
            ["matched_skills"] = EnglishList.Join(skills.Take(ResumeTailor.TopSkills).ToList()),
            ["top_metric"] = metric ?? string.Empty,
            ["latest_title"] = latest?.Title ?? string.Empty,
            ["latest_company"] = latest?.Company ?? string.Empty,
            ["hiring_manager"] = await HiringManagerAsync(db, userId, context.Job.CompanyId, ct) ?? "Hiring Manager",
        };
    }

    /// <summary>The variables a template uses that are not cover-letter variables, in order of appearance.</summary>
    public static IReadOnlyList<string> Unknown(string body) =>
        Variable().Matches(body).Select(m => m.Groups[1].Value).Where(v => !Names.Contains(v)).Distinct().ToList();

    public static string Render(string body, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static async Task<string?> HiringManagerAsync(NpgsqlDataSource db, long userId, long companyId, CancellationToken ct) =>
        await db.ScalarAsync(
            """
            SELECT full_name FROM contacts
            WHERE user_id = $1 AND company_id = $2
            ORDER BY (coalesce(title, '') ILIKE '%hiring manager%') DESC,
                     (coalesce(title, '') ~* '(manager|head|director|lead|vp|chief|founder|cto|ceo)') DESC,
                     (coalesce(title, '') ~* 'recruit|talent') ASC,
                     id
            LIMIT 1
            """,
            userId, companyId) as string;

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Variable();
}
