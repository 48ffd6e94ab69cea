using Npgsql;
using RoleFerry.Grains.Users;
using RoleFerry.Silo.Database;

namespace RoleFerry.Silo.Commands;

/// <summary>
/// The operator command <c>admin grant EMAIL</c> / <c>admin revoke EMAIL</c> (<c>./run.sh admin grant EMAIL</c>,
/// <c>dotnet RoleFerry.Silo.dll admin grant EMAIL</c>, <c>docker-compose run --rm silo admin grant EMAIL</c>): sets or
/// clears the admin flag of the account with that email in the database of <c>ConnectionStrings:RoleFerry</c>, after
/// applying the pending migrations as a silo would (so it works on a database no silo has started on yet). Exit code 0
/// when the account exists, 1 when it does not (or the database cannot be reached), 2 for a malformed command line.
/// Silos that are running see the change within <see cref="SessionGrain.MaxAge"/>.
/// </summary>
public static class AdminCommand
{
    public const string Verb = "admin";

    private const string Usage = "usage: admin grant EMAIL | admin revoke EMAIL";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [Verb, "grant" or "revoke", { Length: > 0 } email] || string.IsNullOrWhiteSpace(email))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var grant = args[1] == "grant";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        var connectionString = builder.Configuration.GetConnectionString(SiloExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync(
                $"ConnectionStrings:{SiloExtensions.ConnectionStringName} is not set (environment: ConnectionStrings__{SiloExtensions.ConnectionStringName}).");
            return 1;
        }

        using var logging = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var db = RoleFerryDataSource.Create(connectionString);
        try
        {
            await new MigrationRunner(db, logging.CreateLogger<MigrationRunner>(), LegacyAdminEmails.From(builder.Configuration))
                .ApplyAsync(CancellationToken.None);
            if (!await new UserAccountStore(db).SetAdminAsync(email, grant, TimeProvider.System.GetUtcNow()))
            {
                await error.WriteLineAsync($"No account has the email {email.Trim()}.");
                return 1;
            }
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync($"The database could not be reached: {e.Message}");
            return 1;
        }

        await output.WriteLineAsync(grant ? $"{email.Trim()} is an admin." : $"{email.Trim()} is no longer an admin.");
        return 0;
    }
}
