using Npgsql;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Commands;

/// <summary>
/// <c>dotnet RoleFerry.Silo.dll admin grant|revoke EMAIL</c> (what <c>./run.sh admin grant EMAIL</c> and
/// <c>docker-compose run --rm silo admin grant EMAIL</c> run) as a process against a test database: the flag it sets,
/// its exit codes, and that it works on a database no silo has migrated yet.
/// </summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task Grant_and_revoke_set_the_flag_of_an_existing_account_and_exit_0()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);
        await InsertUserAsync(db, "Ops@Example.test");
        await InsertUserAsync(db, "user@example.test");
        var settings = Settings(connectionString);

        var granted = await SiloCommand.RunAsync(settings, "admin", "grant", "ops@example.TEST");
        var adminsAfterGrant = await AdminsAsync(db);
        var revoked = await SiloCommand.RunAsync(settings, "admin", "revoke", "OPS@example.test");

        Assert.True(granted.ExitCode == 0, granted.Error);
        Assert.Contains("is an admin", granted.Output);
        Assert.Equal(["Ops@Example.test"], adminsAfterGrant);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        Assert.Empty(await AdminsAsync(db));
    }

    [Fact]
    public async Task An_unknown_email_exits_1_even_on_a_database_no_silo_has_migrated_and_a_malformed_command_exits_2()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);

        var unknown = await SiloCommand.RunAsync(Settings(connectionString), "admin", "grant", "nobody@example.test");
        var malformed = await SiloCommand.RunAsync(Settings(connectionString), "admin", "promote", "nobody@example.test");
        var noEmail = await SiloCommand.RunAsync(Settings(connectionString), "admin", "grant");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody@example.test", unknown.Error);
        Assert.Empty(await AdminsAsync(db));   // the users table exists: the command migrated the database first
        Assert.Equal(2, malformed.ExitCode);
        Assert.Equal(2, noEmail.ExitCode);
        Assert.Contains("admin grant EMAIL", noEmail.Error);
    }

    private static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["ConnectionStrings:RoleFerry"] = connectionString,
    };

    private static async Task InsertUserAsync(NpgsqlDataSource db, string email)
    {
        await using var command = db.CreateCommand("INSERT INTO users (email, password_hash, full_name) VALUES ($1, 'h', 'Someone')");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> AdminsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT email FROM users WHERE is_admin ORDER BY email");
        await using var reader = await command.ExecuteReaderAsync();
        var emails = new List<string>();
        while (await reader.ReadAsync())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
