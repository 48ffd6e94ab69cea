namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// What a silo exports (configuration section <c>RoleFerry:Telemetry</c>). OTLP is configured by OpenTelemetry's
/// standard variables instead (<see cref="OtlpEndpoint"/>).
/// </summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "RoleFerry:Telemetry";

    /// <summary>The path of the Prometheus scrape endpoint (default <c>/metrics</c>); empty turns it off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// A port of its own for the scrape endpoint (one of the silo's listening URLs, e.g. <c>--urls
    /// "http://0.0.0.0:8080;http://0.0.0.0:9464"</c>): the endpoint answers only requests that arrive on it, without
    /// authentication (it is for the operators' network, never published), and that port serves nothing else.
    /// Unset: the endpoint is on the silo's HTTP port, open in Development and for admins only elsewhere.
    /// </summary>
    public int? MetricsPort { get; set; }

    public bool PrometheusEnabled => !string.IsNullOrWhiteSpace(PrometheusPath);

    public bool IsValid() => !PrometheusEnabled || (PrometheusPath.StartsWith('/') && !PrometheusPath.Any(char.IsWhiteSpace));
}
