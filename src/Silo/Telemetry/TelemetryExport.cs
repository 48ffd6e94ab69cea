namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// Where this silo's telemetry goes, as decided at start-up: the OTLP endpoint (null: no OTLP exporter) and the
/// Prometheus scrape path (null: none). Logged once at start; a service, so tests can ask.
/// </summary>
public sealed record TelemetryExport(string ServiceName, string SiloName, string? OtlpEndpoint, string? PrometheusPath);
