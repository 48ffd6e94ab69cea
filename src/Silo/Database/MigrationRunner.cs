using Microsoft.Extensions.Logging;
using Npgsql;

namespace RoleFerry.Silo.Database;

/// <summary>
/// Applies the pending migrations in order, each in its own transaction, under a PostgreSQL advisory lock so
/// that silos starting together apply each one once. Applied versions are recorded in <c>schema_migrations</c>
/// with a checksum; an applied file that was edited afterwards stops start-up.
/// <paramref name="legacyAdminEmails"/> is the retired <c>RoleFerry:AdminEmails</c> setting: every migration's
/// transaction sees it as <c>roleferry.legacy_admin_emails</c> (one address per line), which 0020_admin_flag reads
/// once to turn those accounts' rights into the <c>is_admin</c> flag; after that the setting means nothing.
/// </summary>
public sealed class MigrationRunner(
    NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger, IReadOnlyCollection<string>? legacyAdminEmails = null)
{
    /// <summary>The migration that turned <c>RoleFerry:AdminEmails</c> into the <c>is_admin</c> flag.</summary>
    public const string AdminFlagMigration = "0020_admin_flag";

    /// <summary>Arbitrary constant naming RoleFerry's migration lock.</summary>
    private const long AdvisoryLockKey = 0x526F6C6546657272;

    /// <summary>Applies what is pending; returns the versions applied now.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var advisoryLock = connection.Command("SELECT pg_advisory_lock($1)", AdvisoryLockKey))
        {
            await advisoryLock.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var create = connection.Command(
                             """
                             CREATE TABLE IF NOT EXISTS schema_migrations (
                                 version    text        PRIMARY KEY,
                                 checksum   text        NOT NULL,
                                 applied_at timestamptz NOT NULL DEFAULT now()
                             )
                             """))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var appliedNow = new List<string>();
            foreach (var migration in MigrationSource.All)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} was changed after it was applied. Add a new migration instead.");
                    }

                    continue;
                }

                await ApplyOneAsync(connection, migration, cancellationToken);
                appliedNow.Add(migration.Version);
                logger.LogInformation("Applied migration {Version}", migration.Version);
            }

            WarnOfLegacyAdmins(appliedNow);
            return appliedNow;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock($1)", AdvisoryLockKey);
        }
    }

    /// <summary>True when every embedded migration is recorded as applied.</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = connection.Command("SELECT to_regclass('schema_migrations') IS NOT NULL");
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return MigrationSource.All.All(m => applied.ContainsKey(m.Version));
    }

    private void WarnOfLegacyAdmins(IReadOnlyList<string> appliedNow)
    {
        if (legacyAdminEmails is not { Count: > 0 })
        {
            return;
        }

        if (appliedNow.Contains(AdminFlagMigration))
        {
            logger.LogWarning(
                "RoleFerry:AdminEmails is retired: migration {Version} made the existing accounts among its {Count} address(es) admins; remove the setting and use `admin grant EMAIL` from now on",
                AdminFlagMigration, legacyAdminEmails.Count);
        }
        else
        {
            logger.LogWarning(
                "RoleFerry:AdminEmails is retired and ignored: admin is a flag on the account, granted with `admin grant EMAIL`; remove the setting");
        }
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (legacyAdminEmails is { Count: > 0 })
        {
            await connection.ExecuteAsync("SELECT set_config('roleferry.legacy_admin_emails', $1, true)", string.Join('\n', legacyAdminEmails));
        }

        await using (var command = connection.Command(migration.Sql))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = connection.Command(
                         "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", migration.Version, migration.Checksum))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT version, checksum FROM schema_migrations");
        var rows = await command.ReadAllAsync(reader => (Version: reader.GetString(0), Checksum: reader.GetString(1)), cancellationToken);
        return rows.ToDictionary(row => row.Version, row => row.Checksum, StringComparer.Ordinal);
    }
}
