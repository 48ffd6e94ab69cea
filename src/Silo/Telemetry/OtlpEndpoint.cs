namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// Whether OTLP export is on: when OpenTelemetry's standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own
/// <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c> / <c>OTEL_EXPORTER_OTLP_LOGS_ENDPOINT</c>) is set, as an environment
/// variable or a configuration key. The exporter itself reads those and the other <c>OTEL_EXPORTER_OTLP_*</c>
/// settings (protocol, headers, timeout). With none set the silo adds no OTLP exporter at all, so it never tries
/// to reach a collector that is not there.
/// </summary>
public static class OtlpEndpoint
{
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] Variables = [Variable, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <summary>The configured endpoint (the general one first), or null when OTLP export is off.</summary>
    public static string? From(IConfiguration configuration) =>
        Variables.Select(key => configuration[key]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
