using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using RoleFerry.Web.Accounts;

namespace RoleFerry.Web.Authentication;

/// <summary>
/// The cookie's check on each request: once <see cref="WebOptions.ProfileRefresh"/> has passed since the profile
/// was read, it reads <c>GET /api/me</c> again with the cookie's token. A 401 (the token expired, the password
/// was changed or the account deleted elsewhere) ends the cookie, so the page asks the person to sign in; a new
/// name, timezone or admin flag is written into the cookie.
/// </summary>
public sealed class SessionRefresher(AccountsClient accounts, IOptions<WebOptions> options, TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || PersonClaims.Token(principal) is not { } token || PersonClaims.Read(principal) is null)
        {
            context.RejectPrincipal();
            return;
        }

        var now = clock.GetUtcNow();
        if (now - PersonClaims.Checked(principal) < options.Value.ProfileRefresh)
        {
            return;
        }

        if (await accounts.MeAsync(token, context.HttpContext.RequestAborted) is not { } me)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebAuthentication.Scheme);
            return;
        }

        var refreshed = PersonClaims.Create(me, token, now);
        context.ReplacePrincipal(refreshed);
        await context.HttpContext.SignInAsync(WebAuthentication.Scheme, refreshed, new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = false,
            ExpiresUtc = context.Properties.ExpiresUtc,
        });
    }
}
