using Npgsql;
using NpgsqlTypes;

namespace RoleFerry.Data;

/// <summary>
/// One column of a batched statement: the values of every request of the batch as one array parameter, read back
/// with <c>unnest($n::type[])</c>.
/// </summary>
public static class ArrayParameter
{
    public static NpgsqlParameter Of<TRequest, TValue>(IEnumerable<TRequest> requests, Func<TRequest, TValue> value) =>
        new() { Value = requests.Select(value).ToArray() };

    /// <summary>Instants as UTC <c>timestamptz[]</c>.</summary>
    public static NpgsqlParameter Times<TRequest>(IEnumerable<TRequest> requests, Func<TRequest, DateTimeOffset> value) =>
        new() { Value = requests.Select(r => value(r).UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    /// <summary>Instants, some of them missing, as UTC <c>timestamptz[]</c> with NULLs.</summary>
    public static NpgsqlParameter Times<TRequest>(IEnumerable<TRequest> requests, Func<TRequest, DateTimeOffset?> value) =>
        new() { Value = requests.Select(r => value(r)?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}
