namespace RoleFerry.Api.Infrastructure;

/// <summary>Settings of the HTTP API (section <c>RoleFerry:Api</c>, env <c>RoleFerry__Api__*</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "RoleFerry:Api";

    /// <summary>Larger request bodies are refused with 413 before they are read (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Lifetime of a bearer token from <c>POST /api/auth/login</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wrong passwords in a row from one client address that lock the account for that address.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Wrong passwords in a row from all addresses together that lock the account for everyone.</summary>
    public int MaxFailedLoginsPerAccount { get; set; } = 50;

    /// <summary>How long a first lockout answers 423; each further lockout in a row lasts twice as long.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest a lockout lasts.</summary>
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Requests to register and login per client address and window, for the whole cluster (429 beyond).</summary>
    public RateLimitOptions AuthRateLimit { get; set; } = new();

    /// <summary>
    /// The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (IP addresses or CIDR
    /// networks, e.g. the load balancer); empty: the headers are ignored and the connection's address counts.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How many of the most recent unexpired jobs <c>GET /api/jobs/matched</c> scores.</summary>
    public int MatchCandidateLimit { get; set; } = 1000;
}
