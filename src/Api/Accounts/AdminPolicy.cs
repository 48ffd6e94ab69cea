using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// The authorization policy <c>"admin"</c>: an authenticated caller whose account holds the admin flag
/// (<c>users.is_admin</c>, set only by the operator command <c>admin grant EMAIL</c>), which
/// <see cref="SessionValidationMiddleware"/> turns into the <see cref="Role"/> role of the request. Use
/// <c>.RequireAuthorization(AdminPolicy.Name)</c> on admin routes and <see cref="IsAdmin"/> inside handlers.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "admin";

    public const string Role = "roleferry-admin";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(Name, policy => policy.RequireAuthenticatedUser().RequireRole(Role));

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(Role);
}
