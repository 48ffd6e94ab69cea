using Npgsql;
using RoleFerry.Actors.Hosting;
using RoleFerry.Api;
using RoleFerry.Api.Operations;
using RoleFerry.Grains;
using RoleFerry.Silo.Database;
using RoleFerry.Silo.Hosting;

namespace RoleFerry.Silo;

public static class SiloExtensions
{
    public const string ConnectionStringName = "RoleFerry";

    /// <summary>
    /// Wires a silo: PostgreSQL (<c>ConnectionStrings:RoleFerry</c>), migrations at start-up, the grain runtime
    /// (<c>RoleFerry:Actors</c>) and health checks.
    /// </summary>
    public static WebApplicationBuilder AddRoleFerrySilo(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}). ./run.sh sets it for a local PostgreSQL.");
        }

        RequiredSecretsValidator.Validate(builder.Configuration);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });

        var services = builder.Services;
        services.AddSingleton(_ => RoleFerryDataSource.Create(connectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrationHostedService>();
        services.Configure<ActorRuntimeOptions>(builder.Configuration.GetSection(ActorRuntimeOptions.SectionName));
        services.AddActors(GrainsAssembly.Value);
        services.AddHostedService<PlatformGrainsStarter>();
        services.AddRoleFerryGrains(builder.Configuration);
        services.AddRoleFerryApi(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [OperationsEndpoints.ReadyTag]);
        return builder;
    }
}
