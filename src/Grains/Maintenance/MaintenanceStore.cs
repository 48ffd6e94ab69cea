using Npgsql;

namespace RoleFerry.Grains.Maintenance;

/// <summary>The SQL of the daily housekeeping.</summary>
public sealed class MaintenanceStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Deletes contacts last contacted before <paramref name="cutoff"/> that did not opt out and have no live
    /// sequence. Opted-out contacts stay: they are the suppression list.
    /// </summary>
    public async Task<int> DeleteStaleContactsAsync(DateTimeOffset cutoff)
    {
        await using var command = db.CreateCommand(
            """
            DELETE FROM contacts c
            WHERE c.last_contacted_at < $1 AND NOT c.opted_out
              AND NOT EXISTS (SELECT 1 FROM sequence_instances si WHERE si.contact_id = c.id AND si.status IN ('active', 'paused', 'parked'))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Live sequences of applications whose job expired before <paramref name="now"/>, and how many such jobs there are.</summary>
    public async Task<(int ExpiredJobs, IReadOnlyList<long> Sequences)> FindExpiredAsync(DateTimeOffset now)
    {
        await using var batch = new NpgsqlBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM jobs WHERE expires_at < $1")
        {
            Parameters = { new NpgsqlParameter { Value = now.UtcDateTime } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT si.id FROM sequence_instances si
            JOIN applications a ON a.id = si.application_id
            JOIN jobs j ON j.id = a.job_id
            WHERE j.expires_at < $1 AND si.status IN ('active', 'paused', 'parked')
            ORDER BY si.id
            """)
        {
            Parameters = { new NpgsqlParameter { Value = now.UtcDateTime } },
        });
        await using var connection = await db.OpenConnectionAsync();
        batch.Connection = connection;
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
    public async Task<IReadOnlyList<long>> FindUnstartedAsync(DateTimeOffset enrolledBefore, long afterId, int pageSize)
    {
        await using var command = db.CreateCommand(
            """
            SELECT id FROM sequence_instances
            WHERE status = 'active' AND next_step_due_at IS NULL AND enrolled_at < $1 AND id > $2
            ORDER BY id LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = enrolledBefore.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = afterId });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
