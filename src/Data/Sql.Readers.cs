using System.Data.Common;
using Npgsql;

namespace RoleFerry.Data;

/// <summary>
/// Reader helpers, by column name or, for the hot lists whose SELECT fixes the column order, by position (no lookup
/// by name per field). Times come out as UTC <see cref="DateTimeOffset"/>.
/// </summary>
public static partial class Sql
{
    public static T Get<T>(this DbDataReader reader, string column) => reader.GetFieldValue<T>(reader.GetOrdinal(column));

    public static T? GetOrNull<T>(this DbDataReader reader, string column)
        where T : struct =>
        reader.GetOrNull<T>(reader.GetOrdinal(column));

    public static string? GetStringOrNull(this DbDataReader reader, string column) => reader.GetStringOrNull(reader.GetOrdinal(column));

    public static T? GetOrNull<T>(this DbDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A <c>timestamptz</c> as a UTC instant.</summary>
    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A <c>timestamptz</c> as a UTC instant, or null.</summary>
    public static DateTimeOffset? GetTimeOrNull(this DbDataReader reader, int ordinal) => reader.GetOrNull<DateTimeOffset>(ordinal);

    /// <summary>Every row the command answers, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken = default)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The first row the command answers, read by <paramref name="read"/>; null when there is none.</summary>
    public static async Task<T?> ReadFirstAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    /// <summary><see cref="ReadAllAsync{T}(NpgsqlCommand, Func{NpgsqlDataReader, T}, CancellationToken)"/> of one statement.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, params object?[] args)
    {
        await using var command = dataSource.Command(sql, args);
        return await command.ReadAllAsync(read).ConfigureAwait(false);
    }
}
