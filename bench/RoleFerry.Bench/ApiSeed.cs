using Npgsql;
using RoleFerry.Api.Jobs;

namespace RoleFerry.Bench;

/// <summary>
/// Seeds section (5) with set-based SQL (<see cref="JobSeedSql"/>, <see cref="ApplicationSeedSql"/>): the job
/// catalogue in two halves on two connections, then, once the measured user exists (registered through the API),
/// the applications; VACUUM ANALYZE at the end, as autovacuum would have done on a live table.
/// </summary>
public sealed class ApiSeed(NpgsqlDataSource dataSource, ApiSeedSizes sizes)
{
    private const int KeywordSample = 200;

    public async Task SeedCatalogueAsync()
    {
        await using (var companies = dataSource.CreateCommand(JobSeedSql.Companies))
        {
            companies.Parameters.Add(new NpgsqlParameter { Value = sizes.Companies });
            await companies.ExecuteNonQueryAsync();
        }

        var half = sizes.Jobs / 2;
        await Task.WhenAll(SeedJobsAsync(0, half), SeedJobsAsync(half, sizes.Jobs));
    }

    public async Task SeedApplicationsAsync(long userId)
    {
        await ExecuteAsync(ApplicationSeedSql.Mine, userId, sizes.MyApplications, sizes.Jobs);
        await ExecuteAsync(ApplicationSeedSql.OtherUsers, sizes.OtherUsers);
        // Fresh statistics first: on a catalogue autovacuum has not analyzed yet, the planner may join the seeded
        // jobs to every generated row by a scan of jobs each (a 20 s statement ran for minutes).
        await using (var analyze = dataSource.CreateCommand("ANALYZE jobs, users, applications"))
        {
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(ApplicationSeedSql.Others, (long)sizes.Applications, sizes.Jobs);
        await using var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) companies, jobs, job_keywords, users, applications");
        vacuum.CommandTimeout = 600;
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>Counts of the seeded rows, for the notes (and a check that the sizes were reached).</summary>
    public async Task<string> DescribeAsync(long userId)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM companies), (SELECT count(*) FROM job_keywords),
                   (SELECT count(*) FROM applications), (SELECT count(*) FROM applications WHERE user_id = $1),
                   (SELECT count(*) FROM jobs WHERE expires_at IS NULL OR expires_at > now())
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var mine = reader.GetInt64(4);
        var all = reader.GetInt64(3);
        if (mine != sizes.MyApplications || all != sizes.Applications || reader.GetInt64(0) < sizes.Jobs)
        {
            throw new InvalidOperationException(
                $"Seeding missed its sizes: {reader.GetInt64(0)} jobs, {all} applications, {mine} of the measured user ({sizes.Describe()} wanted).");
        }

        return $"{reader.GetInt64(0):N0} jobs ({reader.GetInt64(5):N0} unexpired) over {reader.GetInt64(1):N0} companies, "
               + $"{reader.GetInt64(2):N0} job_keywords rows, {all:N0} applications of which {mine:N0} are the measured user's";
    }

    /// <summary>
    /// The seeded job_keywords of a sample of jobs must be what the product's KeywordExtractor finds in their title
    /// and description (what POST /api/jobs would have stored); throws on the first difference.
    /// </summary>
    public async Task CheckKeywordsAsync()
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT j.id, j.title, j.description, ARRAY(SELECT k.keyword FROM job_keywords k WHERE k.job_id = j.id ORDER BY k.keyword)
            FROM jobs j WHERE j.external_id LIKE 'bench-%' ORDER BY j.id LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = KeywordSample });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var stored = reader.GetFieldValue<string[]>(3).Order(StringComparer.Ordinal);
            var extracted = KeywordExtractor.Extract(reader.GetString(1), reader.GetString(2));
            if (!stored.SequenceEqual(extracted))
            {
                throw new InvalidOperationException(
                    $"Seeded job {reader.GetInt64(0)} has keywords [{string.Join(", ", stored)}], the product extracts [{string.Join(", ", extracted)}].");
            }
        }
    }

    private async Task SeedJobsAsync(int from, int to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var families = new NpgsqlCommand(JobSeedSql.Families, connection))
        {
            await families.ExecuteNonQueryAsync();
        }

        await using (var jobs = new NpgsqlCommand(JobSeedSql.Jobs, connection) { CommandTimeout = 600 })
        {
            jobs.Parameters.Add(new NpgsqlParameter { Value = sizes.Companies });
            jobs.Parameters.Add(new NpgsqlParameter { Value = from });
            jobs.Parameters.Add(new NpgsqlParameter { Value = to });
            await jobs.ExecuteNonQueryAsync();
        }

        await using var keywords = new NpgsqlCommand(JobSeedSql.Keywords, connection) { CommandTimeout = 600 };
        keywords.Parameters.Add(new NpgsqlParameter { Value = from });
        keywords.Parameters.Add(new NpgsqlParameter { Value = to });
        await keywords.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
