using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using RoleFerry.Silo.Telemetry;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Telemetry;

/// <summary>OTLP export is on exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_endpoint_metrics_and_logs_reach_the_collector_named_by_the_silo()
    {
        using var collector = new OtlpCollector();
        await using var silo = new TelemetrySilo(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        });
        using var client = silo.CreateClient();
        await client.GetAsync("/health/ready");

        Assert.Equal(collector.Endpoint, silo.Services.GetRequiredService<TelemetryExport>().OtlpEndpoint);
        Assert.True(await collector.ReceivedAsync("/v1/metrics", "Microsoft.Orleans", TimeSpan.FromSeconds(30)), "no Orleans metrics reached the collector");
        Assert.True(await collector.ReceivedAsync("/v1/metrics", TelemetrySilo.SiloName, TimeSpan.FromSeconds(5)), "the metrics do not name the silo");
        Assert.True(await collector.ReceivedAsync("/v1/logs", TelemetrySilo.SiloName, TimeSpan.FromSeconds(30)), "no logs naming the silo reached the collector");
    }

    [Fact]
    public async Task Without_an_endpoint_no_OTLP_exporter_and_no_OpenTelemetry_log_provider_is_added()
    {
        await using var silo = new TelemetrySilo(await TestDatabase.CreateAsync());
        _ = silo.Server;

        var export = silo.Services.GetRequiredService<TelemetryExport>();
        Assert.Null(export.OtlpEndpoint);
        Assert.Equal("/metrics", export.PrometheusPath);
        Assert.DoesNotContain(silo.Services.GetServices<ILoggerProvider>(), p => p is OpenTelemetryLoggerProvider);
    }
}
