using Npgsql;

namespace RoleFerry.Actors.Reminders;

/// <summary>
/// SQL over <c>grain_reminders</c>, the source of truth for reminders. Versions come from a sequence, so every
/// registration has a version never used before; ticks complete only if the version they fired is still there.
/// </summary>
internal sealed class ReminderTable(NpgsqlDataSource dataSource)
{
    public async Task<long> UpsertAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, int partition)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO grain_reminders (grain_type, grain_key, name, due_at, period, partition)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
               SET due_at = excluded.due_at, period = excluded.period, partition = excluded.partition,
                   version = nextval('grain_reminder_version_seq')
            RETURNING version
            """);
        AddKey(command, grainId, name);
        command.Parameters.Add(new NpgsqlParameter { Value = dueAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = period.HasValue ? period.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public async Task<ReminderRow?> GetAsync(GrainId grainId, string name)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT grain_type, grain_key, name, due_at, period, version FROM grain_reminders
            WHERE grain_type = $1 AND grain_key = $2 AND name = $3
            """);
        AddKey(command, grainId, name);
        var rows = await ReadRowsAsync(command).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Deletes the reminder; returns the version it had, or null when there was none.</summary>
    public async Task<long?> DeleteAsync(GrainId grainId, string name)
    {
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3
            RETURNING version
            """);
        AddKey(command, grainId, name);
        return (long?)await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    /// <summary>Completes a one-shot tick: deletes the row if it still has the version that fired.</summary>
    public async Task DeleteIfVersionAsync(GrainId grainId, string name, long version)
    {
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM grain_reminders
            WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND version = $4
            """);
        AddKey(command, grainId, name);
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Completes a periodic tick: moves the row to its next due time; null if it changed meanwhile.</summary>
    public async Task<long?> AdvanceIfVersionAsync(GrainId grainId, string name, long version, DateTimeOffset nextDueAt)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE grain_reminders SET due_at = $5, version = nextval('grain_reminder_version_seq')
            WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND version = $4
            RETURNING version
            """);
        AddKey(command, grainId, name);
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = nextDueAt.ToUniversalTime() });
        return (long?)await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    /// <summary>Reminders of the given partitions due at or before <paramref name="horizon"/>.</summary>
    public async Task<List<ReminderRow>> ScanDueAsync(IReadOnlyList<int> partitions, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT grain_type, grain_key, name, due_at, period, version FROM grain_reminders
            WHERE partition = ANY($1) AND due_at <= $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = partitions.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = horizon.ToUniversalTime() });
        return await ReadRowsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string name)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
    }

    private static async Task<List<ReminderRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        var rows = new List<ReminderRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ReminderRow(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                reader.IsDBNull(4) ? null : reader.GetTimeSpan(4),
                reader.GetInt64(5)));
        }

        return rows;
    }
}
