using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RoleFerry.Api.Accounts;
using RoleFerry.Grains.Telemetry;

namespace RoleFerry.Silo.Telemetry;

public static class SiloTelemetryExtensions
{
    /// <summary><c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "roleferry";

    /// <summary>Orleans publishes its metrics under this meter name (and names below it).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// OpenTelemetry for a silo: Orleans' meters, RoleFerry's (<c>RoleFerry.*</c>), ASP.NET Core's request metrics,
    /// .NET runtime and Npgsql metrics; a Prometheus scrape endpoint (<see cref="TelemetrySettings.PrometheusPath"/>,
    /// mapped by <see cref="MapRoleFerryTelemetry"/>) and, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OTLP
    /// export of metrics and logs. The resource names the silo (<c>service.instance.id</c>), and every console log
    /// line carries the silo's name as its first scope.
    /// </summary>
    public static WebApplicationBuilder AddRoleFerryTelemetry(this WebApplicationBuilder builder, string siloName)
    {
        var settings = builder.Configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (!settings.IsValid())
        {
            throw new InvalidOperationException(
                $"{TelemetrySettings.SectionName}:{nameof(TelemetrySettings.PrometheusPath)} must be empty (no scrape endpoint) or a path starting with '/', not '{settings.PrometheusPath}'.");
        }

        if (settings.MetricsPort is not (null or (> 0 and <= 65535)))
        {
            throw new InvalidOperationException($"{TelemetrySettings.SectionName}:{nameof(TelemetrySettings.MetricsPort)} must be a TCP port (1-65535), not {settings.MetricsPort}.");
        }

        var export = new TelemetryExport(
            builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
            siloName,
            OtlpEndpoint.From(builder.Configuration),
            settings.PrometheusEnabled ? settings.PrometheusPath : null,
            settings.PrometheusEnabled ? settings.MetricsPort : null);
        builder.Services.AddSingleton(export);
        builder.Logging.AddSiloNameToConsole(siloName);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(export.ServiceName, serviceInstanceId: siloName, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(OrleansMeter, OrleansMeter + ".*", RoleFerryMeters.Wildcard)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (export.PrometheusPath is { } path)
                {
                    metrics.AddPrometheusExporter(o =>
                    {
                        o.ScrapeEndpointPath = path;
                        // Every series names its silo, as the logs and the dashboard do.
                        o.ResourceConstantLabels = key => key == "service.instance.id";
                    });
                }
            });
        if (export.OtlpEndpoint is not null)
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// With a metrics port (<see cref="TelemetrySettings.MetricsPort"/>), keeps the scrape endpoint and that port to
    /// each other: a request that arrived on the port (the connection's local port, never the Host header) reaches
    /// only the endpoint, and the endpoint answers only there (404 elsewhere). Call it first in the pipeline.
    /// </summary>
    public static WebApplication UseRoleFerryMetricsPort(this WebApplication app)
    {
        var export = app.Services.GetRequiredService<TelemetryExport>();
        if (export is { PrometheusPath: { } path, MetricsPort: { } port })
        {
            app.Use((context, next) =>
            {
                if ((context.Connection.LocalPort == port) != context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    /// <summary>
    /// The Prometheus scrape endpoint (when on), left out of the HTTP request metrics: alone on its metrics port when
    /// there is one, else on the HTTP port, open in Development and for admins only elsewhere. Logs what is exported.
    /// </summary>
    public static WebApplication MapRoleFerryTelemetry(this WebApplication app)
    {
        var export = app.Services.GetRequiredService<TelemetryExport>();
        if (export.PrometheusPath is { } path)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint(path).DisableHttpMetrics();
            if (export.MetricsPort is null && !app.Environment.IsDevelopment())
            {
                endpoint.RequireAuthorization(AdminPolicy.Name);
            }
        }

        app.Logger.LogInformation(
            "Telemetry of silo {Silo} ({Service}): Prometheus at {PrometheusPath} ({Access}), OTLP to {OtlpEndpoint}",
            export.SiloName, export.ServiceName, export.PrometheusPath ?? "(off)",
            export.MetricsPort is { } metricsPort ? $"alone on port {metricsPort}" : app.Environment.IsDevelopment() ? "open: Development" : "admins only",
            export.OtlpEndpoint ?? "(off: OTEL_EXPORTER_OTLP_ENDPOINT not set)");
        return app;
    }

    /// <summary>Puts <paramref name="siloName"/> first in the scopes of every console log line (<see cref="SiloConsoleLoggerProvider"/>).</summary>
    public static ILoggingBuilder AddSiloNameToConsole(this ILoggingBuilder logging, string siloName)
    {
        var scope = new SiloLogScope(siloName);
        logging.Services.AddSingleton(scope);
        var console = logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        foreach (var descriptor in console)
        {
            logging.Services.Remove(descriptor);
        }

        if (console.Count > 0)
        {
            logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, SiloConsoleLoggerProvider>(sp =>
                new SiloConsoleLoggerProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(sp), scope)));
        }

        return logging;
    }
}
