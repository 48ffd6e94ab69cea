namespace RoleFerry.Api.Infrastructure;

/// <summary>Names of the rate limiter policies.</summary>
public static class RateLimitPolicies
{
    /// <summary>Register and login: <see cref="ApiOptions.AuthRateLimit"/> per client address.</summary>
    public const string Auth = "auth";
}
