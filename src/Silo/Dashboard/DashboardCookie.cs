namespace RoleFerry.Silo.Dashboard;

/// <summary>
/// The browser's dashboard credential: the admin's API bearer token in an HttpOnly, SameSite=Strict cookie whose
/// path is <c>/dashboard</c>, expiring with the token; Secure when the request came over HTTPS, to the silo or to a
/// proxy in front of it that says so in <c>X-Forwarded-Proto</c> (trusting that header can only make the cookie
/// stricter). It is read only for GET and HEAD requests under <c>/dashboard</c> that carry no Authorization header,
/// so it never authenticates the API nor any state-changing request.
/// </summary>
internal static class DashboardCookie
{
    private const string BearerPrefix = "Bearer ";

    public static string? TokenFor(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments(DashboardAccess.RoutePrefix)
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Headers.Authorization.Count > 0)
        {
            return null;
        }

        return request.Cookies.TryGetValue(DashboardAccess.CookieName, out var token) && !string.IsNullOrWhiteSpace(token) ? token : null;
    }

    public static string? BearerTokenFromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length
            ? header[BearerPrefix.Length..].Trim()
            : null;
    }

    public static void Append(HttpContext context, string token, DateTimeOffset? expires) =>
        context.Response.Cookies.Append(DashboardAccess.CookieName, token, Options(context, expires));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(DashboardAccess.CookieName, Options(context, expires: null));

    private static bool IsForwardedHttps(HttpRequest request) =>
        request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim().Equals("https", StringComparison.OrdinalIgnoreCase);

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps || IsForwardedHttps(context.Request),
        Path = context.Request.PathBase + DashboardAccess.RoutePrefix,
        Expires = expires,
        IsEssential = true,
    };
}
