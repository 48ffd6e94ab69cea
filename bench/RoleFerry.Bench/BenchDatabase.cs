using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RoleFerry.Silo.Database;

namespace RoleFerry.Bench;

/// <summary>
/// Databases on the throwaway cluster of ./bench.sh: one migrated template holding the rows every run needs
/// (one user, application and <see cref="SequenceInstances"/> sequence instances, which reservations reference),
/// and a fresh copy of it per measured case, so no case sees another's rows or counters. The template's sequence
/// instances are finished ('completed', no steps): the silo's maintenance check would otherwise take them for
/// sequences enrolled but never started and try to start them.
/// </summary>
public sealed class BenchDatabase(string adminConnectionString, int sequenceInstances)
{
    private string? _template;

    public int SequenceInstances => sequenceInstances;

    public async Task<string> CreateAsync()
    {
        _template ??= await CreateTemplateAsync();
        var name = "bench_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAdminAsync($"CREATE DATABASE {name} TEMPLATE {_template}");
        return ConnectionStringFor(name);
    }

    /// <summary>An empty database (no RoleFerry schema), e.g. for a peer that installs its own schema.</summary>
    public async Task<string> CreateEmptyAsync()
    {
        var name = "peer_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        return ConnectionStringFor(name);
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> CreateTemplateAsync()
    {
        var name = "bench_template_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        var connectionString = ConnectionStringFor(name);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
            await using var seed = dataSource.CreateCommand(
                """
                WITH u AS (
                    INSERT INTO users (email, password_hash, full_name, mode, subscription_tier, timezone)
                    VALUES ('bench@example.test', 'not-a-hash', 'Bench Seeker', 'job_seeker', 'pro', 'UTC') RETURNING id),
                co AS (INSERT INTO companies (name, domain) VALUES ('Acme', 'acme.bench') RETURNING id),
                j AS (
                    INSERT INTO jobs (source, title, company_id, description)
                    SELECT 'bench', 'Platform Engineer', co.id, 'A job.' FROM co RETURNING id),
                a AS (
                    INSERT INTO applications (user_id, job_id, status, last_action_at)
                    SELECT u.id, j.id, 'saved', now() FROM u, j RETURNING id),
                c AS (
                    INSERT INTO contacts (user_id, company_id, full_name, email, source)
                    SELECT u.id, co.id, 'Contact ' || g, 'contact' || g || '@acme.bench', 'bench'
                    FROM u, co, generate_series(1, $1) AS g RETURNING id)
                INSERT INTO sequence_instances (user_id, application_id, contact_id, template_snapshot, total_steps, status, stopped_at)
                SELECT u.id, a.id, c.id, '{}'::jsonb, 3, 'completed', now() FROM u, a, c
                """);
            seed.Parameters.Add(new NpgsqlParameter { Value = sequenceInstances });
            await seed.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return name;
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;

    // Database names are generated above (letters, digits, underscore), never input.
    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
