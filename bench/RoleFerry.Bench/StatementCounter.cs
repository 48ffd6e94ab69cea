using Npgsql;

namespace RoleFerry.Bench;

/// <summary>
/// pg_stat_statements' calls in one database (the cluster of ./bench.sh preloads it): a snapshot before and after a
/// run gives the statements the run sent. The harness's own bookkeeping queries start with <see cref="Mark"/> and
/// are left out. Null when the view is not available (cluster started without pg_stat_statements).
/// </summary>
public static class StatementCounter
{
    /// <summary>Prefix of the harness's own queries in a measured database.</summary>
    public const string Mark = "/* bench-observer */ ";

    /// <summary>Creates the extension in the database (the view lives per database); false when it cannot be used.</summary>
    public static async Task<bool> EnableAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            await using (var create = dataSource.CreateCommand(Mark + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
            {
                await create.ExecuteNonQueryAsync();
            }

            return await SnapshotAsync(dataSource) is not null;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>
    /// The <paramref name="count"/> statements called most in the database since its counters began (the run's
    /// database is fresh), as "calls × first 60 characters of the statement", with the time PostgreSQL spent on
    /// them (planning and execution, ms).
    /// </summary>
    public static async Task<IReadOnlyList<(long Calls, double Milliseconds, string Query)>> TopAsync(NpgsqlDataSource dataSource, int count)
    {
        var top = new List<(long, double, string)>();
        try
        {
            await using var command = dataSource.CreateCommand(
                Mark + """
                SELECT sum(calls)::bigint, sum(total_plan_time + total_exec_time)::float8,
                       left(regexp_replace(query, '\s+', ' ', 'g'), 60)
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%bench-observer%'
                GROUP BY 3 ORDER BY 1 DESC LIMIT $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = count });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                top.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2)));
            }
        }
        catch (PostgresException)
        {
            // No pg_stat_statements: no breakdown.
        }

        return top;
    }

    /// <summary>
    /// pg_stat_statements' totals over the statements whose text matches <paramref name="like"/> (SQL LIKE) in this
    /// database: calls, rows returned or changed, total and largest execution time (ms). Null without the view.
    /// </summary>
    public static async Task<(long Calls, long Rows, double TotalMs, double MaxMs)?> TotalsAsync(NpgsqlDataSource dataSource, string like)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                Mark + """
                SELECT coalesce(sum(calls), 0)::bigint, coalesce(sum(rows), 0)::bigint,
                       coalesce(sum(total_exec_time), 0)::float8, coalesce(max(max_exec_time), 0)::float8
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%bench-observer%' AND query LIKE $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = like });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3));
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    public static async Task<StatementCounts?> SnapshotAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                Mark + """
                SELECT coalesce(sum(calls), 0)::bigint,
                       coalesce(sum(calls) FILTER (WHERE query ~* '^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)'), 0)::bigint,
                       coalesce(sum(calls) FILTER (WHERE query ~* '^\s*(COMMIT|ROLLBACK)'), 0)::bigint,
                       coalesce(sum(calls) FILTER (WHERE query ~* '^\s*DISCARD'), 0)::bigint
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%bench-observer%'
                """);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new StatementCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        catch (PostgresException)
        {
            return null;
        }
    }
}
