using Npgsql;
using RoleFerry.Api.Applications;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Data;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Matching;

namespace RoleFerry.Bench;

/// <summary>
/// The baselines of section (5): the SQL the two endpoints run, in the same round trips, through an
/// NpgsqlDataSource as the silo's (default pool), rows read with the product's own mappers — without HTTP,
/// authentication, JSON or (for matching) scoring. The SQL is the product's own (ApplicationRows, MatchCandidatesQuery).
/// </summary>
public sealed class ApiQueries(NpgsqlDataSource db, long userId)
{
    /// <summary>The silo's default (ApiOptions.MatchCandidateLimit), which the bench does not change.</summary>
    public static int CandidateLimit { get; } = new ApiOptions().MatchCandidateLimit;

    /// <summary>GET /api/applications (first page, default size): one batch, count + page. Returns the total.</summary>
    public async Task<long> ApplicationsAsync(CancellationToken ct)
    {
        var page = new PageRequest(1, PageRequest.DefaultPageSize);
        var answer = await PageQuery.ReadAsync(
            db,
            page,
            Sql.BatchCommand(ApplicationRows.CountOfUser, userId, null),
            Sql.BatchCommand(ApplicationRows.PageOfUser, userId, null, page.PageSize, page.Offset),
            ApplicationRows.Read,
            ct);
        return answer.Total;
    }

    /// <summary>GET /api/jobs/matched's database work: the match profile, then the candidate jobs. Returns their count.</summary>
    public async Task<int> MatchCandidatesAsync(CancellationToken ct)
    {
        await MatchProfiles.LoadAsync(db, userId, ct);
        await using var command = db.Command(MatchCandidatesQuery.Sql, DateTimeOffset.UtcNow, userId, CandidateLimit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            JobRows.Read(reader);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The endpoint's CPU work after the SQL, measured alone: MatchProfiles.LoadAsync + the candidates read once, then
    /// MatchScorer.Score over every candidate and the sort, as the endpoint does them, timed single-threaded in
    /// milliseconds: the best of 30 rounds (the first rounds run the JIT's unoptimized code, as a new silo does).
    /// </summary>
    public async Task<double> ScoreCandidatesMsAsync()
    {
        var profile = new ProfileTerms(await MatchProfiles.LoadAsync(db, userId, CancellationToken.None));
        var now = DateTimeOffset.UtcNow;
        var jobs = new List<JobResponse>();
        await using (var command = db.Command(MatchCandidatesQuery.Sql, now, userId, CandidateLimit))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                jobs.Add(JobRows.Read(reader));
            }
        }

        var best = double.MaxValue;
        for (var round = 0; round < 30; round++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = jobs.Select(job => (Job: job, Match: MatchScorer.Score(profile, MatchJob.From(job), now)))
                .OrderByDescending(x => x.Match.Score).ThenByDescending(x => x.Job.PostedDate ?? x.Job.CreatedAt).ThenByDescending(x => x.Job.Id)
                .ToArray();
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return best;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of both endpoint queries with this user's parameters.</summary>
    public async Task<string> ExplainAsync()
    {
        var page = new PageRequest(1, PageRequest.DefaultPageSize);
        var applications = await ExplainAsync("EXPLAIN (ANALYZE, BUFFERS) " + ApplicationRows.PageOfUser, userId, null, page.PageSize, page.Offset);
        var count = await ExplainAsync("EXPLAIN (ANALYZE, BUFFERS) " + ApplicationRows.CountOfUser, userId, null);
        var candidates = await ExplainAsync("EXPLAIN (ANALYZE, BUFFERS) " + MatchCandidatesQuery.Sql, DateTimeOffset.UtcNow, userId, CandidateLimit);
        return $"""
            -- GET /api/applications: count
            {count}
            -- GET /api/applications: page
            {applications}
            -- GET /api/jobs/matched: candidates
            {candidates}
            """;
    }

    private async Task<string> ExplainAsync(string sql, params object?[] args)
    {
        await using var command = db.Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
