using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace RoleFerry.Data;

/// <summary>
/// Commands with positional parameters (<c>$1, $2, ...</c>) in the order given. The SQL is always a literal next
/// to the code that runs it; values travel only as parameters. A null value is sent as SQL NULL (cast it in the
/// SQL, e.g. <c>$3::text</c>, where PostgreSQL cannot infer its type).
/// </summary>
public static class Sql
{
    public static NpgsqlCommand Command(this NpgsqlDataSource dataSource, string sql, params object?[] args)
    {
        var command = dataSource.CreateCommand(sql);
        AddAll(command.Parameters, args);
        return command;
    }

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

    /// <summary>A jsonb parameter from serialized JSON text.</summary>
    public static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static void AddAll(NpgsqlParameterCollection parameters, object?[] args)
    {
        foreach (var arg in args)
        {
            parameters.Add(arg as NpgsqlParameter ?? new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }
    }

    public static T Get<T>(this DbDataReader reader, string column) => reader.GetFieldValue<T>(reader.GetOrdinal(column));

    public static T? GetOrNull<T>(this DbDataReader reader, string column)
        where T : struct =>
        reader.GetOrNull<T>(reader.GetOrdinal(column));

    public static string? GetStringOrNull(this DbDataReader reader, string column) => reader.GetStringOrNull(reader.GetOrdinal(column));

    /// <summary>By position, for the hot lists whose SELECT fixes the column order (no lookup by name per field).</summary>
    public static T? GetOrNull<T>(this DbDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> so user text matches literally inside LIKE.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
