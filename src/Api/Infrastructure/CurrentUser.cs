using System.Globalization;
using System.Security.Claims;

namespace RoleFerry.Api.Infrastructure;

public static class CurrentUser
{
    /// <summary>The users.id of an authenticated caller (the bearer token's NameIdentifier claim).</summary>
    public static long GetUserId(this ClaimsPrincipal principal)
    {
        var value = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("The caller is not authenticated.");
    }
}
