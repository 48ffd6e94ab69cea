namespace RoleFerry.Bench;

/// <summary>When a dispatch run's first step was claimed and its last one marked sent (outreach rows, the grains' clock).</summary>
public sealed record DispatchTimes(DateTimeOffset FirstClaim, DateTimeOffset LastSent);
