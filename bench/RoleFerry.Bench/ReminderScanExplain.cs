using Npgsql;

namespace RoleFerry.Bench;

/// <summary>
/// EXPLAIN (ANALYZE, BUFFERS) of the reminder service's scan as it runs it (the text is a copy of
/// <c>ReminderTable.ScanDueAsync</c>, which is internal): every partition this silo owns, due within the window.
/// </summary>
public static class ReminderScanExplain
{
    public static async Task<(IReadOnlyList<string> Plan, double ExecutionMs)> RunAsync(NpgsqlDataSource dataSource, int partitionCount, DateTimeOffset horizon)
    {
        await using var command = dataSource.CreateCommand(
            """
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT grain_type, grain_key, name, due_at, period, version FROM grain_reminders
            WHERE partition = ANY($1) AND due_at <= $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, partitionCount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = horizon.UtcDateTime });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var execution = plan.FirstOrDefault(l => l.StartsWith("Execution Time:", StringComparison.Ordinal));
        var ms = execution is null
            ? double.NaN
            : double.Parse(execution["Execution Time:".Length..].Replace("ms", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (plan, ms);
    }
}
