namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// What a silo exports (configuration section <c>RoleFerry:Telemetry</c>). OTLP is configured by OpenTelemetry's
/// standard variables instead (<see cref="OtlpEndpoint"/>).
/// </summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "RoleFerry:Telemetry";

    /// <summary>
    /// The path of the Prometheus scrape endpoint on the silo's HTTP port (default <c>/metrics</c>); empty turns it
    /// off. Not authenticated: it is for the operators' network (the load balancer of docker-compose.yml does not
    /// forward it), like the silo's Orleans ports.
    /// </summary>
    public string PrometheusPath { get; set; } = "/metrics";

    public bool PrometheusEnabled => !string.IsNullOrWhiteSpace(PrometheusPath);

    public bool IsValid() => !PrometheusEnabled || (PrometheusPath.StartsWith('/') && !PrometheusPath.Any(char.IsWhiteSpace));
}
