namespace RoleFerry.Api.Infrastructure;

/// <summary>Settings of the HTTP API (section <c>RoleFerry:Api</c>, env <c>RoleFerry__Api__*</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "RoleFerry:Api";

    /// <summary>Larger request bodies are refused with 413 before they are read (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Lifetime of a bearer token from <c>POST /api/auth/login</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account answers 423.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to register and login per client address and window (429 beyond).</summary>
    public RateLimitOptions AuthRateLimit { get; set; } = new();

    /// <summary>How many of the most recent unexpired jobs <c>GET /api/jobs/matched</c> scores.</summary>
    public int MatchCandidateLimit { get; set; } = 1000;
}
