namespace RoleFerry.Web;

/// <summary><c>RoleFerry:Web</c>: how the pages reach the API and how often a session's profile is read again.</summary>
public sealed class WebOptions
{
    public const string SectionName = "RoleFerry:Web";

    /// <summary>
    /// The API the pages call (this silo's own HTTP endpoint). Unset: the first address the silo listens on, a
    /// wildcard host (<c>http://+:8080</c>, <c>[::]</c>, <c>0.0.0.0</c>) read as loopback.
    /// </summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>
    /// How long the name, timezone and admin flag kept in the sign-in cookie are trusted before the next request
    /// reads <c>GET /api/me</c> again (which also notices a session the API ended).
    /// </summary>
    public TimeSpan ProfileRefresh { get; set; } = TimeSpan.FromMinutes(1);
}
