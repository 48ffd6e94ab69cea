using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Revocation of bearer tokens, right after authentication read the token (whichever way it came: header or
/// dashboard cookie): a token is honoured while its user exists and its stamp is the user's current security
/// stamp, or it is the session that last changed the password (<see cref="SessionClaims"/>). Otherwise the request
/// is unauthenticated (its authentication result fails), so a route that needs a caller answers 401. One
/// primary-key read per authenticated request.
/// </summary>
public sealed class SessionValidationMiddleware(RequestDelegate next, NpgsqlDataSource db)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true } && !await IsHonouredAsync(context.User, context.RequestAborted))
        {
            var revoked = AuthenticateResult.Fail("The token was revoked: the password changed or the account is gone.");
            if (context.Features.Get<IAuthenticateResultFeature>() is { } feature)
            {
                feature.AuthenticateResult = revoked;
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }

    private async Task<bool> IsHonouredAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return false;
        }

        await using var command = db.Command(
            """
            SELECT security_stamp::text = $2 OR coalesce(password_session::text = $3, false) FROM users WHERE id = $1
            """,
            userId, user.FindFirstValue(SessionClaims.Stamp) ?? "", user.FindFirstValue(SessionClaims.Session) ?? "");
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
