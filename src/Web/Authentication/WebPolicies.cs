using Microsoft.AspNetCore.Authorization;

namespace RoleFerry.Web.Authentication;

/// <summary>
/// The web app's authorization policies, both on its cookie scheme: every page carries <see cref="SignedIn"/>
/// (public ones add <c>[AllowAnonymous]</c>, which still reads the cookie so the layout knows who is there);
/// admin pages carry <see cref="Admin"/>. The API checks the same again on every call.
/// </summary>
public static class WebPolicies
{
    public const string SignedIn = "RoleFerry.Web.SignedIn";

    public const string Admin = "RoleFerry.Web.Admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, policy => policy.AddAuthenticationSchemes(WebAuthentication.Scheme).RequireAuthenticatedUser());
        options.AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(WebAuthentication.Scheme).RequireAuthenticatedUser()
            .RequireClaim(PersonClaims.IsAdmin, "true"));
    }
}
