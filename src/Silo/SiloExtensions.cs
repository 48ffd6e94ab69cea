using RoleFerry.Api;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Operations;
using RoleFerry.Grains;
using RoleFerry.Silo.Dashboard;
using RoleFerry.Silo.Database;
using RoleFerry.Silo.Hosting;
using RoleFerry.Silo.Telemetry;
using RoleFerry.Web;

namespace RoleFerry.Silo;

public static class SiloExtensions
{
    public const string ConnectionStringName = "RoleFerry";

    /// <summary>
    /// Wires a silo: PostgreSQL (<c>ConnectionStrings:RoleFerry</c>), migrations at start-up (before Orleans, whose
    /// tables they create), the Orleans silo with RoleFerry's grains, the API, health checks and telemetry.
    /// </summary>
    public static WebApplicationBuilder AddRoleFerrySilo(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}). ./run.sh sets it for a local PostgreSQL.");
        }

        SecretsValidator.Validate(builder.Configuration, builder.Environment);
        // The web app's CSS and blazor.web.js are static web assets: a published silo has them under wwwroot; run from
        // its build output (tests, the bench, ./run.sh) it reads them where the build left them, in every environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        // Bound once: the silo's name (logs, metrics), its endpoints and its membership all come from this one copy.
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.AddRoleFerryTelemetry(cluster.ResolveSiloName());

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => RoleFerryDataSource.Create(connectionString));
        var legacyAdmins = LegacyAdminEmails.From(builder.Configuration);
        services.AddSingleton(sp => new MigrationRunner(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<ILogger<MigrationRunner>>(), legacyAdmins));
        services.AddHostedService<MigrationHostedService>();
        builder.UseOrleans(silo => silo.AddRoleFerryOrleans(cluster, connectionString));
        services.AddRoleFerryGrains(builder.Configuration);
        services.AddSendTimeoutCheck();
        services.AddRoleFerryApi(builder.Configuration);
        services.AddRoleFerryWeb(builder.Configuration);
        services.AddRoleFerryDashboardAccess();
        services.AddRoleFerryTransportSecurity();
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [OperationsEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The HTTP side of a silo: the client's address and scheme from trusted proxies only, the metrics port kept to the scrape endpoint, HSTS and https redirection when the public
    /// address is https, the API (middleware and routes), the Prometheus scrape endpoint (<c>/metrics</c>) and the
    /// Orleans dashboard at <c>/dashboard</c>, both open in Development and for admins only elsewhere (the dashboard has
    /// no authentication of its own; see <see cref="DashboardAccess"/>).
    /// </summary>
    public static WebApplication MapRoleFerrySilo(this WebApplication app)
    {
        app.UseRoleFerryTrustedProxies();
        app.UseRoleFerryMetricsPort();
        app.UseRoleFerryTransportSecurity();
        app.UseRoleFerryApi();
        app.UseRoleFerryWeb();
        app.MapRoleFerryApi();
        app.MapRoleFerryWeb();
        app.MapRoleFerryDashboard();
        app.MapRoleFerryTelemetry();
        return app;
    }
}
