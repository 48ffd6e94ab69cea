using Npgsql;

namespace RoleFerry.Api.Tests.Support;

/// <summary>Direct database access for arranging rows the API does not create and for checking what it stored.</summary>
public static class Db
{
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params object?[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return await command.ExecuteScalarAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string sql, params object?[] args) =>
        (long)(await ScalarAsync(connectionString, sql, args))!;

    public static async Task<List<string>> ColumnAsync(string connectionString, string sql, params object?[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }
}
