using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
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

        var export = new TelemetryExport(
            builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
            siloName,
            OtlpEndpoint.From(builder.Configuration),
            settings.PrometheusEnabled ? settings.PrometheusPath : null);
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

    /// <summary>The Prometheus scrape endpoint (when on), left out of the HTTP request metrics; logs what is exported.</summary>
    public static WebApplication MapRoleFerryTelemetry(this WebApplication app)
    {
        var export = app.Services.GetRequiredService<TelemetryExport>();
        if (export.PrometheusPath is { } path)
        {
            app.MapPrometheusScrapingEndpoint(path).DisableHttpMetrics();
        }

        app.Logger.LogInformation(
            "Telemetry of silo {Silo} ({Service}): Prometheus at {PrometheusPath}, OTLP to {OtlpEndpoint}",
            export.SiloName, export.ServiceName, export.PrometheusPath ?? "(off)", export.OtlpEndpoint ?? "(off: OTEL_EXPORTER_OTLP_ENDPOINT not set)");
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
