using Npgsql;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Maintenance;

/// <summary>The SQL of the daily housekeeping.</summary>
public sealed class MaintenanceStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Deletes contacts last contacted before <paramref name="cutoff"/> that did not opt out and have no live
    /// sequence. Opted-out contacts stay: they are the suppression list.
    /// </summary>
    public Task<int> DeleteStaleContactsAsync(DateTimeOffset cutoff) => db.ExecuteAsync(
        $"""
        DELETE FROM contacts c
        WHERE c.last_contacted_at < $1 AND NOT c.opted_out
          AND NOT EXISTS (SELECT 1 FROM sequence_instances si WHERE si.contact_id = c.id AND si.status IN {SequenceStatuses.LiveSql})
        """,
        cutoff);

    /// <summary>Live sequences of applications whose job expired before <paramref name="now"/>, and how many such jobs there are.</summary>
    public async Task<(int ExpiredJobs, IReadOnlyList<long> Sequences)> FindExpiredAsync(DateTimeOffset now)
    {
        await using var batch = db.Batch(
            Sql.BatchCommand("SELECT count(*) FROM jobs WHERE expires_at < $1", now),
            Sql.BatchCommand(
                $"""
                SELECT si.id FROM sequence_instances si
                JOIN applications a ON a.id = si.application_id
                JOIN jobs j ON j.id = a.job_id
                WHERE j.expires_at < $1 AND si.status IN {SequenceStatuses.LiveSql}
                ORDER BY si.id
                """,
                now));
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var jobs = Convert.ToInt32(reader.GetInt64(0));
        await reader.NextResultAsync();
        var sequences = new List<long>();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return (jobs, sequences);
    }

    /// <summary>
    /// One page (by id, after <paramref name="afterId"/>) of the active sequences enrolled before
    /// <paramref name="enrolledBefore"/> whose grain never scheduled step 1.
    /// </summary>
    public async Task<IReadOnlyList<long>> FindUnstartedAsync(DateTimeOffset enrolledBefore, long afterId, int pageSize) => await db.ReadAllAsync(
        """
        SELECT id FROM sequence_instances
        WHERE status = 'active' AND next_step_due_at IS NULL AND enrolled_at < $1 AND id > $2
        ORDER BY id LIMIT $3
        """,
        reader => reader.GetInt64(0),
        enrolledBefore, afterId, pageSize);
}
