using System.Globalization;
using Npgsql;
using RoleFerry.Actors;
using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// Writes one-shot reminders of <see cref="ReminderProbeGrain"/> straight into <c>grain_reminders</c>, set-based
/// (unnest of arrays, 100,000 rows per statement), with the columns <c>ReminderTable.UpsertAsync</c> writes: grain
/// type, key as text (invariant culture, as <c>GetGrain(long)</c> makes it), name, due time, no period, a version
/// from the sequence (column default) and the partition <see cref="PartitionMap"/> computes for the grain.
/// </summary>
public static class ReminderSeed
{
    private const int Batch = 100_000;

    /// <summary>Inserts reminders for keys firstKey, firstKey + 1, … with the given due times (UTC).</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, PartitionMap partitions, long firstKey, IReadOnlyList<DateTime> dueAt)
    {
        for (var offset = 0; offset < dueAt.Count; offset += Batch)
        {
            var n = Math.Min(Batch, dueAt.Count - offset);
            var keys = new long[n];
            var partitionOf = new int[n];
            var due = new DateTime[n];
            for (var i = 0; i < n; i++)
            {
                keys[i] = firstKey + offset + i;
                var grain = new GrainId(ReminderProbeGrain.TypeName, keys[i].ToString(CultureInfo.InvariantCulture));
                partitionOf[i] = partitions.GetPartition(grain);
                due[i] = dueAt[offset + i];
            }

            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO grain_reminders (grain_type, grain_key, name, due_at, period, partition)
                SELECT $1, t.k::text, $2, t.d, NULL, t.p
                FROM unnest($3::bigint[], $4::integer[], $5::timestamptz[]) AS t(k, p, d)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ReminderProbeGrain.TypeName });
            command.Parameters.Add(new NpgsqlParameter { Value = ReminderProbeGrain.ReminderName });
            command.Parameters.Add(new NpgsqlParameter { Value = keys });
            command.Parameters.Add(new NpgsqlParameter { Value = partitionOf });
            command.Parameters.Add(new NpgsqlParameter { Value = due });
            command.CommandTimeout = 300;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Refreshes the planner's statistics, as autovacuum would have on a table that grew over time.</summary>
    public static async Task AnalyzeAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("ANALYZE grain_reminders");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows left in the table: all, and those due at or before <paramref name="until"/>.</summary>
    public static async Task<(long All, long DueBy)> CountAsync(NpgsqlDataSource dataSource, DateTimeOffset until)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), count(*) FILTER (WHERE due_at <= $1) FROM grain_reminders");
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary><paramref name="time"/> truncated to whole microseconds, PostgreSQL's timestamptz precision.</summary>
    public static DateTime ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), DateTimeKind.Utc);
}
