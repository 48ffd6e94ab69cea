using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RoleFerry.Silo.Database;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_in_order_once_and_a_second_run_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        Assert.False(await runner.IsUpToDateAsync(CancellationToken.None));

        var first = await runner.ApplyAsync(CancellationToken.None);
        var second = await runner.ApplyAsync(CancellationToken.None);

        Assert.Equal(MigrationSource.All.Select(m => m.Version), first);
        Assert.Equal(["0001_runtime", "0002_roleferry_schema", "0003_seed_platform_templates"], first.Take(3));
        Assert.Empty(second);
        Assert.True(await runner.IsUpToDateAsync(CancellationToken.None));
        Assert.Equal(MigrationSource.All.Count, await ScalarAsync(dataSource, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(2, await ScalarAsync(dataSource, "SELECT count(*) FROM sequence_templates WHERE is_platform"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None)));

        Assert.Equal(MigrationSource.All.Count, runs.Sum(r => r.Count));
        Assert.Equal(2, await ScalarAsync(dataSource, "SELECT count(*) FROM sequence_templates WHERE is_platform"));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_start_up()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        await using (var tamper = dataSource.CreateCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001_runtime'"))
        {
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync(CancellationToken.None));
        Assert.Contains("0001_runtime", error.Message);
    }

    [Fact]
    public async Task The_seed_holds_the_two_platform_templates_with_their_delays()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        await using var command = dataSource.CreateCommand(
            """
            SELECT name, string_agg((step ->> 'delayHours'), '/' ORDER BY (step ->> 'stepNo')::int)
            FROM sequence_templates, jsonb_array_elements(steps) AS step
            WHERE is_platform
            GROUP BY name ORDER BY name
            """);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetString(0)}: {reader.GetString(1)}");
            }
        }

        Assert.Equal(["Job Seeker Default: 0/48/96", "Recruiter Cold Intro: 0/72"], rows);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
