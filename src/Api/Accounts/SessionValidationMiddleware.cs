using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Revocation of bearer tokens, right after authentication read the token (whichever way it came: header or
/// dashboard cookie): a token is honoured while its user exists and its stamp is the user's current security
/// stamp, or it is the session that last changed the password (<see cref="SessionClaims"/>). Otherwise the request
/// is unauthenticated (its authentication result fails), so a route that needs a caller answers 401. A user who holds
/// the admin flag gets the <see cref="AdminPolicy.Role"/> role for this request (tokens never carry it: the flag is
/// read, not remembered at login). The user's <see cref="ISessionGrain"/> answers from memory: no database round trip
/// per request.
/// </summary>
public sealed class SessionValidationMiddleware(RequestDelegate next, IGrainFactory grains)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true })
        {
            await CheckAsync(context);
        }

        await next(context);
    }

    private async Task CheckAsync(HttpContext context)
    {
        var verdict = await VerdictAsync(context.User);
        if (verdict.IsAdmin)
        {
            context.User.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminPolicy.Role)], "roleferry-admin-flag"));
        }
        else if (!verdict.Honoured)
        {
            var revoked = AuthenticateResult.Fail("The token was revoked: the password changed or the account is gone.");
            if (context.Features.Get<IAuthenticateResultFeature>() is { } feature)
            {
                feature.AuthenticateResult = revoked;
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
    }

    private Task<SessionVerdict> VerdictAsync(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? grains.GetGrain<ISessionGrain>(userId).CheckAsync(GuidClaim(user, SessionClaims.Stamp), GuidClaim(user, SessionClaims.Session))
            : Task.FromResult(SessionVerdict.Refused);

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirstValue(type), out var value) ? value : null;
}
