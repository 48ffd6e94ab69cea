using Npgsql;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>Direct SQL on a test database: checking what the API stored and arranging rows it does not create.</summary>
public static class OutreachDb
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
}
