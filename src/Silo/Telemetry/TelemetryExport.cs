namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// Where this silo's telemetry goes, as decided at start-up: the OTLP endpoint (null: no OTLP exporter), the
/// Prometheus scrape path (null: none) and the port it is served on alone (null: the HTTP port, see
/// <see cref="TelemetrySettings.MetricsPort"/>). Logged once at start; a service, so tests can ask.
/// </summary>
public sealed record TelemetryExport(string ServiceName, string SiloName, string? OtlpEndpoint, string? PrometheusPath, int? MetricsPort = null);
