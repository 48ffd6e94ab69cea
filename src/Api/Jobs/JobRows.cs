using System.Data.Common;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs;

/// <summary>The columns of a job answer (alias <c>j</c> for jobs, <c>c</c> for companies) and their mapping.</summary>
public static class JobRows
{
    public const string Columns =
        """
        j.id, j.external_id, j.source, j.title, j.company_id, c.name AS company_name, c.domain AS company_domain,
        j.location, j.remote, j.job_type, j.description, j.comp_min, j.comp_max, j.posted_date, j.expires_at, j.created_at,
        j.url, j.apply_url, j.requires_visa_sponsorship,
        ARRAY(SELECT k.keyword FROM job_keywords k WHERE k.job_id = j.id ORDER BY k.keyword) AS keywords
        """;

    public static JobResponse Read(DbDataReader reader) => new(
        reader.Get<long>("id"),
        reader.GetStringOrNull("external_id"),
        reader.Get<string>("source"),
        reader.Get<string>("title"),
        reader.Get<long>("company_id"),
        new JobCompany(reader.Get<long>("company_id"), reader.Get<string>("company_name"), reader.Get<string>("company_domain")),
        reader.GetStringOrNull("location"),
        reader.Get<bool>("remote"),
        reader.GetStringOrNull("job_type"),
        reader.GetStringOrNull("description"),
        reader.GetOrNull<int>("comp_min"),
        reader.GetOrNull<int>("comp_max"),
        reader.GetOrNull<DateTimeOffset>("posted_date"),
        reader.GetOrNull<DateTimeOffset>("expires_at"),
        reader.Get<string[]>("keywords"),
        reader.Get<DateTimeOffset>("created_at"),
        reader.GetStringOrNull("url"),
        reader.GetStringOrNull("apply_url"),
        reader.GetOrNull<bool>("requires_visa_sponsorship"));

    /// <summary>The job with this id, expired or not.</summary>
    public static async Task<JobResponse?> FindAsync(NpgsqlDataSource db, long id, CancellationToken ct) =>
        (await ReadAsync(db, [id], ct)).FirstOrDefault();

    /// <summary>The jobs with these ids, in the order of the ids (an id may repeat).</summary>
    public static async Task<JobResponse[]> ReadAsync(NpgsqlDataSource db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var command = db.Command(
            $"""
            SELECT {Columns}
            FROM jobs j JOIN companies c ON c.id = j.company_id
            WHERE j.id = ANY ($1)
            """,
            ids.Distinct().ToArray());
        var jobs = new Dictionary<long, JobResponse>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var job = Read(reader);
                jobs[job.Id] = job;
            }
        }

        return ids.Where(jobs.ContainsKey).Select(id => jobs[id]).ToArray();
    }
}
