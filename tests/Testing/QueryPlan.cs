using Npgsql;

namespace RoleFerry.Testing;

/// <summary>PostgreSQL's plan of a statement, as the text EXPLAIN prints (one line per plan node).</summary>
public static class QueryPlan
{
    /// <param name="explain">The EXPLAIN and its options, e.g. <c>EXPLAIN (ANALYZE, BUFFERS)</c>; plain EXPLAIN does not run the statement.</param>
    public static async Task<string> ReadAsync(NpgsqlDataSource db, string explain, string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand($"{explain} {sql}");
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
