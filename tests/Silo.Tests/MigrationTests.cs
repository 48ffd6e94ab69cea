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
    public async Task Orleans_finds_every_named_query_its_clustering_reminder_and_storage_providers_run()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());

        var keys = await TextsAsync(dataSource, "SELECT querykey FROM orleansquery ORDER BY querykey");

        Assert.Equal(
            [
                "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
                "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey",
                "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key",
                "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
                "UpsertReminderRowKey", "WriteToStorageKey",
            ],
            keys);
    }

    [Fact]
    public async Task Orleans_schema_run_again_by_hand_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        const string Catalog = "SELECT md5(string_agg(querykey || querytext, '|' ORDER BY querykey)) FROM orleansquery";
        var before = await TextsAsync(dataSource, Catalog);
        var orleans = MigrationSource.All.Single(m => m.Version == "0005_orleans");

        await using (var again = dataSource.CreateCommand(orleans.Sql))
        {
            await again.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await TextsAsync(dataSource, Catalog));
        Assert.Equal(21, await ScalarAsync(dataSource, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task The_tables_of_the_replaced_runtime_are_gone()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());

        Assert.Empty(await TextsAsync(dataSource,
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_name IN ('grain_reminders', 'grain_state', 'silo_membership', 'partition_leases')
            """));
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
    public async Task The_admin_flag_migration_keeps_the_rights_of_the_configured_admins_that_had_an_account_and_only_theirs()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        // The database as it was before the migration, with the admin of RoleFerry:AdminEmails and another user.
        await ExecuteAsync(dataSource, "ALTER TABLE users DROP COLUMN is_admin");
        await ExecuteAsync(dataSource, $"DELETE FROM schema_migrations WHERE version = '{MigrationRunner.AdminFlagMigration}'");
        await ExecuteAsync(dataSource,
            "INSERT INTO users (email, password_hash, full_name) VALUES ('Ops@Example.test', 'h', 'Ops'), ('user@example.test', 'h', 'User')");
        string[] configured = ["ops@example.test ", "later@example.test"];

        var applied = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance, configured).ApplyAsync(CancellationToken.None);
        await ExecuteAsync(dataSource, "INSERT INTO users (email, password_hash, full_name) VALUES ('later@example.test', 'h', 'Later')");
        var again = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance, configured).ApplyAsync(CancellationToken.None);

        Assert.Equal([MigrationRunner.AdminFlagMigration], applied);
        Assert.Empty(again);
        Assert.Equal(["Ops@Example.test"], await TextsAsync(dataSource, "SELECT email FROM users WHERE is_admin ORDER BY email"));
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

    private static async Task<IReadOnlyList<string>> TextsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
