using Npgsql;
using NpgsqlTypes;

namespace RoleFerry.Data;

/// <summary>
/// Parameters. Times go in as UTC <c>timestamptz</c>: a <see cref="DateTimeOffset"/> of any offset is sent as the
/// same instant in UTC (Npgsql refuses any other offset), and read back as UTC (<see cref="GetTime"/>). Typed
/// helpers keep their type when the value is null, so a statement prepared once (Max Auto Prepare) is reused
/// whether a value is there or not.
/// </summary>
public static partial class Sql
{
    /// <summary>
    /// How a value of a command's argument list is sent: a parameter as it is; null as an untyped NULL; a
    /// <see cref="DateTimeOffset"/> as <see cref="Time"/>; anything else as Npgsql maps its CLR type.
    /// </summary>
    public static NpgsqlParameter Parameter(object? value) => value switch
    {
        NpgsqlParameter parameter => parameter,
        null => new NpgsqlParameter { Value = DBNull.Value },
        DateTimeOffset time => Time(time),
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>An instant (or NULL) as UTC <c>timestamptz</c>.</summary>
    public static NpgsqlParameter Time(DateTimeOffset? value) =>
        Typed(value?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    /// <summary>Text or a typed NULL.</summary>
    public static NpgsqlParameter Text(string? value) => Typed(value, NpgsqlDbType.Text);

    /// <summary>A day or a typed NULL.</summary>
    public static NpgsqlParameter Date(DateOnly? value) => Typed(value, NpgsqlDbType.Date);

    /// <summary>An <c>int</c> or a typed NULL.</summary>
    public static NpgsqlParameter Integer(int? value) => Typed(value, NpgsqlDbType.Integer);

    /// <summary>A <c>bigint</c> or a typed NULL.</summary>
    public static NpgsqlParameter Bigint(long? value) => Typed(value, NpgsqlDbType.Bigint);

    /// <summary>Bytes or a typed NULL.</summary>
    public static NpgsqlParameter Bytea(byte[]? value) => Typed(value, NpgsqlDbType.Bytea);

    /// <summary>A <c>text[]</c>, e.g. for <c>= ANY($1)</c>.</summary>
    public static NpgsqlParameter TextArray(IReadOnlyCollection<string> values) =>
        Typed(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    /// <summary>A <c>bigint[]</c>, e.g. for <c>= ANY($1)</c>.</summary>
    public static NpgsqlParameter BigintArray(IReadOnlyCollection<long> values) =>
        Typed(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);

    /// <summary>A jsonb parameter from serialized JSON text.</summary>
    public static NpgsqlParameter Jsonb(string json) => Typed(json, NpgsqlDbType.Jsonb);

    private static NpgsqlParameter Typed(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
