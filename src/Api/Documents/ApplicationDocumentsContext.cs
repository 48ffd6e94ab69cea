using Npgsql;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Profile;

namespace RoleFerry.Api.Documents;

/// <summary>What the documents of an application are made from: the job, the person (name, email) and their resume (or null).</summary>
public sealed record ApplicationDocumentsContext(long ApplicationId, JobResponse Job, string FullName, string Email, ResumeResponse? Resume)
{
    /// <summary>The caller's application and what its documents need, or null (unknown, deleted or another user's).</summary>
    public static async Task<ApplicationDocumentsContext?> LoadAsync(NpgsqlDataSource db, long userId, long applicationId, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT a.job_id, u.full_name, u.email
            FROM applications a JOIN users u ON u.id = a.user_id
            WHERE a.id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
            """,
            applicationId, userId);
        if (await command.ReadFirstAsync(r => Tuple.Create(r.GetInt64(0), r.GetString(1), r.GetString(2)), ct) is not var (jobId, fullName, email))
        {
            return null;
        }

        var job = (await JobRows.FindAsync(db, jobId, ct))!;
        return new ApplicationDocumentsContext(applicationId, job, fullName, email, await Resumes.ReadAsync(db, userId, ct));
    }
}
