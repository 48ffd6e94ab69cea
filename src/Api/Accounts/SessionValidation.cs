using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Revocation of bearer tokens, checked on every authenticated request (after the token was read, whichever way it
/// came: header or dashboard cookie): a token is honoured while its user exists and its stamp is the user's
/// current security stamp, or it is the session that last changed the password. Otherwise the caller is anonymous
/// and gets 401. One primary-key read per request.
/// </summary>
public sealed class SessionValidation(NpgsqlDataSource db) : IClaimsTransformation
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.HasClaim(c => c.Type == SessionClaims.Validated))
        {
            return principal;
        }

        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Anonymous;
        }

        await using var command = db.Command(
            """
            SELECT security_stamp::text = $2 OR coalesce(password_session::text = $3, false) FROM users WHERE id = $1
            """,
            userId, principal.FindFirstValue(SessionClaims.Stamp) ?? "", principal.FindFirstValue(SessionClaims.Session) ?? "");
        if (await command.ExecuteScalarAsync() is not true)
        {
            return Anonymous;
        }

        identity.AddClaim(new Claim(SessionClaims.Validated, "true"));
        return principal;
    }
}
