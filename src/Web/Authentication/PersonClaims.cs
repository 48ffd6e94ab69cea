using System.Globalization;
using System.Security.Claims;
using RoleFerry.Web.Accounts;

namespace RoleFerry.Web.Authentication;

/// <summary>
/// What the sign-in cookie's ticket holds: who the person is (<see cref="Person"/>), the API's bearer token the
/// pages call the API with, and when the profile was last read from <c>GET /api/me</c>.
/// </summary>
public static class PersonClaims
{
    public const string AccessToken = "roleferry:access_token";
    public const string IsAdmin = "roleferry:is_admin";
    public const string Timezone = "roleferry:timezone";
    public const string CheckedAt = "roleferry:checked_at";

    public static ClaimsPrincipal Create(Me me, string accessToken, DateTimeOffset checkedAt) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, me.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, me.Email),
            new Claim(ClaimTypes.Name, me.FullName),
            new Claim(Timezone, me.Timezone),
            new Claim(IsAdmin, me.IsAdmin ? "true" : "false"),
            new Claim(AccessToken, accessToken),
            new Claim(CheckedAt, checkedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ],
        WebAuthentication.Scheme));

    /// <summary>The person of a cookie principal, or null when it is not one of the web app's.</summary>
    public static Person? Read(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true }
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            || principal.FindFirstValue(AccessToken) is null)
        {
            return null;
        }

        return new Person(
            id,
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(Timezone) ?? "UTC",
            principal.FindFirstValue(IsAdmin) == "true");
    }

    public static string? Token(ClaimsPrincipal? principal) => principal?.FindFirstValue(AccessToken);

    public static DateTimeOffset Checked(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(CheckedAt), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
}
