using Npgsql;

namespace RoleFerry.Api.Jobs;

/// <summary>
/// Finds or creates jobs of the shared catalogue: a job with the same externalId, or the same url (compared by
/// <see cref="JobUrls.Key"/>), is the existing one; an imported job with neither is the existing one when its
/// company already has a job of the same title and location (<c>POST /api/jobs</c> creates it). A created job gets its keywords in the same statement. All the jobs
/// of a call go to PostgreSQL in one batch (one statement each, so each finds the ones before it); a job whose
/// existing row was committed by a concurrent insert after its statement's snapshot is looked up again.
/// </summary>
public static class JobCatalog
{
    private const int Attempts = 5;

    private const string FindOrCreateSql =
        """
        WITH inserted AS (
            INSERT INTO jobs (external_id, source, title, company_id, location, remote, job_type, description, comp_min, comp_max,
                              posted_date, expires_at, url, apply_url, requires_visa_sponsorship, created_by_user_id,
                              created_at, updated_at)
            SELECT $1::text, $2, $3, $4, $5::text, $6, $7::text, $8::text, $9::integer, $10::integer, $11::timestamptz,
                   $12::timestamptz, $13::text, $14::text, $15::boolean, $16::bigint, $17, $17
            WHERE $1::text IS NOT NULL OR $13::text IS NOT NULL OR NOT $19::boolean OR NOT EXISTS (
                SELECT 1 FROM jobs j
                WHERE j.company_id = $4 AND lower(j.title) = lower($3) AND lower(coalesce(j.location, '')) = lower(coalesce($5::text, '')))
            ON CONFLICT DO NOTHING
            RETURNING id
        ), keywords AS (
            INSERT INTO job_keywords (job_id, keyword) SELECT inserted.id, k FROM inserted, unnest($18::text[]) AS k
        )
        SELECT id, true AS created FROM inserted
        UNION ALL
        (SELECT j.id, false AS created FROM jobs j
         WHERE NOT EXISTS (SELECT 1 FROM inserted)
           AND (j.external_id = $1::text
                OR j.url_key = lower(regexp_replace(regexp_replace(btrim($13::text), '#.*$', ''), '/+$', ''))
                OR ($19::boolean AND $1::text IS NULL AND $13::text IS NULL AND j.company_id = $4 AND lower(j.title) = lower($3)
                    AND lower(coalesce(j.location, '')) = lower(coalesce($5::text, ''))))
         ORDER BY j.external_id IS NOT DISTINCT FROM $1::text DESC, j.id
         LIMIT 1)
        """;

    /// <summary>
    /// One answer per job, in the order given. Every company id must exist. <paramref name="byTitle"/>: a job without
    /// externalId and url is the existing one of its company with the same title and location.
    /// </summary>
    public static async Task<FoundJob[]> FindOrCreateAsync(
        NpgsqlDataSource db, IReadOnlyList<NewJob> jobs, bool byTitle, long? userId, DateTimeOffset now, CancellationToken ct)
    {
        var found = new FoundJob?[jobs.Count];
        var pending = Enumerable.Range(0, jobs.Count).ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            if (attempt > Attempts)
            {
                throw new InvalidOperationException($"{pending.Count} jobs neither inserted nor found.");
            }

            await using var batch = db.CreateBatch();
            foreach (var index in pending)
            {
                batch.BatchCommands.Add(Command(jobs[index], byTitle, userId, now));
            }

            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                foreach (var index in pending)
                {
                    if (await reader.ReadAsync(ct))
                    {
                        found[index] = new FoundJob(reader.GetInt64(0), reader.GetBoolean(1));
                    }

                    await reader.NextResultAsync(ct);
                }
            }

            pending.RemoveAll(index => found[index] is not null);
        }

        return found.Select(f => f!.Value).ToArray();
    }

    private static NpgsqlBatchCommand Command(NewJob job, bool byTitle, long? userId, DateTimeOffset now) => Sql.BatchCommand(
        FindOrCreateSql,
        job.ExternalId,
        job.Source,
        job.Title,
        job.CompanyId,
        job.Location,
        job.Remote,
        job.JobType,
        job.Description,
        job.CompMin,
        job.CompMax,
        job.PostedDate?.ToUniversalTime(),
        job.ExpiresAt?.ToUniversalTime(),
        job.Url,
        job.ApplyUrl,
        job.RequiresVisaSponsorship,
        userId,
        now,
        job.Keywords(),
        byTitle);
}
