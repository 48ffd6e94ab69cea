namespace RoleFerry.Bench;

/// <summary>What one load run measured: completed requests per second, latency percentiles in ms, the request count.</summary>
public sealed record LoadFigures(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests);
