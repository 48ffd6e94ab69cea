using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RoleFerry.Silo.Database;

namespace RoleFerry.Testing;

/// <summary>
/// Fresh PostgreSQL databases for tests, on the throwaway cluster ./test.sh starts (<c>ROLEFERRY_TEST_PG</c>).
/// The migrations run once per test process into a template; each test gets its own copy of it.
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "ROLEFERRY_TEST_PG";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    /// <summary>Creates an empty database (no migrations) and returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "rf_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        return ConnectionStringFor(name);
    }

    /// <summary>Creates a database with every migration applied and returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var template = await GetTemplateAsync();
        var name = "rf_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAdminAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return ConnectionStringFor(name);
    }

    private static async Task<string> GetTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is null)
            {
                var connectionString = await CreateEmptyAsync();
                await using (var dataSource = NpgsqlDataSource.Create(connectionString))
                {
                    await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
                }

                NpgsqlConnection.ClearAllPools();
                _template = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            }

            return _template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    // Test databases are never reused once their test is over, so their pooled connections are closed after 30 idle
    // seconds instead of Npgsql's five minutes: otherwise the pools of finished tests fill PostgreSQL's max_connections.
    // Opening a connection may take 60 s instead of 15: test assemblies run side by side with silos of their own on
    // two cores, and a starved thread pool resumes a socket's connect late.
    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database,
            ConnectionIdleLifetime = 30,
            ConnectionPruningInterval = 1,
            Timeout = 60,
        }.ConnectionString;

    // The database names are generated above (letters, digits, underscore), never user input.
    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
