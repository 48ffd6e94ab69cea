using Npgsql;

namespace RoleFerry.Data;

/// <summary>
/// Commands with positional parameters (<c>$1, $2, ...</c>) in the order given. The SQL is always a literal next
/// to the code that runs it; values travel only as parameters (<see cref="Parameter"/> says how each value is
/// sent). A null value is sent as SQL NULL of no type: cast it in the SQL (<c>$3::text</c>) or pass a typed
/// parameter (<see cref="Text"/>, <see cref="Time"/>, ...) where PostgreSQL cannot infer its type.
/// </summary>
public static partial class Sql
{
    public static NpgsqlCommand Command(this NpgsqlDataSource dataSource, string sql, params object?[] args)
    {
        var command = dataSource.CreateCommand(sql);
        AddAll(command.Parameters, args);
        return command;
    }

    /// <summary>A command on an open connection; it runs in the connection's transaction, if one is open.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        AddAll(command.Parameters, args);
        return command;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddAll(command.Parameters, args);
        return command;
    }

    /// <summary>
    /// A batch of <paramref name="commands"/> that opens its own connection: one round trip, and without an explicit
    /// transaction Npgsql ends it with a single Sync, so PostgreSQL runs its statements in one implicit transaction
    /// (all of them commit, or none).
    /// </summary>
    public static NpgsqlBatch Batch(this NpgsqlDataSource dataSource, params NpgsqlBatchCommand[] commands)
    {
        var batch = dataSource.CreateBatch();
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>Runs one statement; the number of rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, params object?[] args)
    {
        await using var command = dataSource.Command(sql, args);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs one statement on an open connection (in its transaction, if one is open); the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = connection.Command(sql, args);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null when there is no row or the value is NULL.</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlDataSource dataSource, string sql, params object?[] args)
    {
        await using var command = dataSource.Command(sql, args);
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is var value and not DBNull ? value : null;
    }

    /// <summary>The first column of the first row on an open connection, or null (no row, or NULL).</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = connection.Command(sql, args);
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is var value and not DBNull ? value : null;
    }

    private static void AddAll(NpgsqlParameterCollection parameters, object?[] args)
    {
        foreach (var arg in args)
        {
            parameters.Add(Parameter(arg));
        }
    }

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> so user text matches literally inside LIKE.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
