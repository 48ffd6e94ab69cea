using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using RoleFerry.Web.Accounts;

namespace RoleFerry.Web.Authentication;

/// <summary>
/// Signs a person in and out of the web app. Signing in is the API's login: its bearer token goes into the
/// cookie's ticket, which expires with the token.
/// </summary>
public sealed class WebSessions(AccountsClient accounts, TimeProvider clock)
{
    /// <summary>Logs in through <c>POST /api/auth/login</c> and sets the cookie; the API's problem when it refuses.</summary>
    public async Task<Api.ApiProblem?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken ct)
    {
        var login = await accounts.LoginAsync(email, password, ct);
        if (!login.Succeeded)
        {
            return login.Problem;
        }

        var token = login.Value!;
        var me = await accounts.MeAsync(token.AccessToken, ct)
            ?? throw new InvalidOperationException("The API refused a token it has just issued.");
        var now = clock.GetUtcNow();
        await SignInAsync(context, me, token.AccessToken, now + TimeSpan.FromSeconds(token.ExpiresIn));
        return null;
    }

    /// <summary>Writes the cookie again with a fresh profile (after the person changed it), keeping its expiry.</summary>
    public async Task RefreshAsync(HttpContext context, Me me)
    {
        var result = await context.AuthenticateAsync(WebAuthentication.Scheme);
        if (result.Principal is { } principal && PersonClaims.Token(principal) is { } token && result.Properties?.ExpiresUtc is { } expires)
        {
            context.User = PersonClaims.Create(me, token, clock.GetUtcNow());
            await SignInAsync(context, me, token, expires);
        }
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(WebAuthentication.Scheme);

    internal async Task SignInAsync(HttpContext context, Me me, string token, DateTimeOffset expires)
    {
        var principal = PersonClaims.Create(me, token, clock.GetUtcNow());
        await context.SignInAsync(WebAuthentication.Scheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = false,
            ExpiresUtc = expires,
        });
        context.User = principal;
    }
}
