using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Mints the bearer tokens <c>AddBearerToken()</c> reads back: an authentication ticket (user id, email, the user's
/// security stamp and a new session id, see <see cref="SessionClaims"/>) protected with Data Protection, whose key
/// ring lives in PostgreSQL, so any node accepts a token any node minted (while <see cref="SessionValidationMiddleware"/> honours it).
/// </summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
{
    public const string Scheme = BearerTokenDefaults.AuthenticationScheme;

    public LoginResponse Issue(long userId, string email, Guid securityStamp)
    {
        var options = bearerOptions.Get(Scheme);
        var now = clock.GetUtcNow();
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Email, email),
                new Claim(SessionClaims.Stamp, securityStamp.ToString()),
                new Claim(SessionClaims.Session, Guid.NewGuid().ToString()),
            ],
            Scheme);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = now,
            ExpiresUtc = now + options.BearerTokenExpiration,
        };
        var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme));
        return new LoginResponse("Bearer", token, (long)options.BearerTokenExpiration.TotalSeconds);
    }
}
