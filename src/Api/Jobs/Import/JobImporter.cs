using Npgsql;
using RoleFerry.Api.Companies;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// Imports the rows of a page or a feed: each row is checked on its own (a row that fails is reported and the
/// others still import), the companies are found or created by domain in one statement, and the jobs are found or
/// created by <see cref="JobCatalog"/> (same externalId, or same url, or — without either — same company, title and
/// location), so importing the same feed twice creates nothing the second time.
/// </summary>
public static class JobImporter
{
    public static async Task<ImportResponse> ImportAsync(
        NpgsqlDataSource db, IReadOnlyList<ImportRow> rows, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var failed = new List<ImportFailure>();
        var valid = new List<(int Row, JobDraft Draft)>();
        foreach (var row in rows)
        {
            if ((row.Error ?? Problem(row.Draft!)) is { } error)
            {
                failed.Add(new ImportFailure(row.Row, error));
                continue;
            }

            valid.Add((row.Row, row.Draft!));
        }

        if (valid.Count == 0)
        {
            return new ImportResponse(0, 0, failed, []);
        }

        var companies = await FindOrCreateCompaniesAsync(db, valid.Select(v => v.Draft).ToList(), userId, now, ct);
        var jobs = valid.Select(v => ToNewJob(v.Draft, companies[DomainRules.Normalize(v.Draft.CompanyDomain!)])).ToList();
        var found = await JobCatalog.FindOrCreateAsync(db, jobs, byTitle: true, userId, now, ct);
        var answers = await JobRows.ReadAsync(db, found.Select(f => f.Id).ToArray(), ct);
        var created = found.Count(f => f.Created);
        return new ImportResponse(created, found.Length - created, failed, answers);
    }

    /// <summary>Why a draft cannot become a job, or null.</summary>
    private static string? Problem(JobDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            return "title is required";
        }

        if (draft.Title.Trim().Length > ValidationErrors.MaxTextLength)
        {
            return $"title must be at most {ValidationErrors.MaxTextLength} characters";
        }

        if (string.IsNullOrWhiteSpace(draft.CompanyDomain))
        {
            return "the company's domain is unknown: give companyDomain (CSV), ?domain= (feeds and pages) or a posting naming its company's website";
        }

        if (!DomainRules.IsValid(draft.CompanyDomain))
        {
            return $"companyDomain '{draft.CompanyDomain}' is not a domain such as acme.com";
        }

        if (draft.Url is not null && !JobUrls.IsHttp(draft.Url))
        {
            return "url must be an absolute http or https URL";
        }

        if (draft.ApplyUrl is not null && !JobUrls.IsHttp(draft.ApplyUrl))
        {
            return "applyUrl must be an absolute http or https URL";
        }

        var texts = new[] { draft.Title, draft.CompanyName, draft.Location, draft.JobType, draft.ExternalId, draft.Description, draft.Url };
        if (texts.Any(t => t?.Contains('\0') ?? false))
        {
            return "the row holds a NUL character";
        }

        return draft.Location?.Length > ValidationErrors.MaxTextLength || draft.CompanyName?.Length > ValidationErrors.MaxTextLength
               || draft.ExternalId?.Length > ValidationErrors.MaxTextLength
            ? $"company, location and id must be at most {ValidationErrors.MaxTextLength} characters"
            : null;
    }

    private static NewJob ToNewJob(JobDraft draft, long companyId) => new(
        Text.OrNull(draft.ExternalId),
        draft.Source,
        draft.Title!.Trim(),
        companyId,
        Text.OrNull(draft.Location),
        draft.Remote,
        Text.OrNull(draft.JobType) is { } type && type.Length <= 50 ? type : null,
        draft.Description is { Length: > ValidationErrors.MaxLongTextLength } text ? text[..ValidationErrors.MaxLongTextLength] : draft.Description,
        draft.CompMin,
        draft.CompMax >= draft.CompMin || draft.CompMin is null ? draft.CompMax : null,
        draft.PostedDate,
        draft.ExpiresAt > draft.PostedDate || draft.PostedDate is null ? draft.ExpiresAt : null,
        Text.OrNull(draft.Url),
        Text.OrNull(draft.ApplyUrl),
        null);

    /// <summary>Company ids by normalized domain; a new company is named as the row names it (else by its domain).</summary>
    private static async Task<Dictionary<string, long>> FindOrCreateCompaniesAsync(
        NpgsqlDataSource db, IReadOnlyList<JobDraft> drafts, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var byDomain = drafts
            .GroupBy(d => DomainRules.Normalize(d.CompanyDomain!), StringComparer.Ordinal)
            .Select(g => (Domain: g.Key, Name: g.Select(d => Text.OrNull(d.CompanyName)).FirstOrDefault(n => n is not null) ?? g.Key))
            .ToArray();
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Sql.BatchCommand(
            """
            INSERT INTO companies (name, domain, created_by_user_id, created_at, updated_at)
            SELECT n, d, $3, $4, $4 FROM unnest($1::text[], $2::text[]) AS t (n, d)
            ON CONFLICT (domain_normalized) DO NOTHING
            """,
            byDomain.Select(c => c.Name).ToArray(), byDomain.Select(c => c.Domain).ToArray(), userId, now));
        batch.BatchCommands.Add(Sql.BatchCommand(
            "SELECT domain_normalized, id FROM companies WHERE domain_normalized = ANY ($1)",
            (object)byDomain.Select(c => c.Domain).ToArray()));
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        while (await reader.NextResultAsync(ct));

        return ids;
    }
}
