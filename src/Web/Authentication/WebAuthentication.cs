namespace RoleFerry.Web.Authentication;

/// <summary>The web app's sign-in: a cookie scheme of its own (the API keeps bearer tokens as its default scheme).</summary>
public static class WebAuthentication
{
    public const string Scheme = "RoleFerry.Web";

    public const string CookieName = "roleferry";

    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    public const string AccessDeniedPath = "/access-denied";

    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>A local URL to go back to after signing in: anything else (another site, <c>//host</c>) is "/".</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
