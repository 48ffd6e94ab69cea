using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// The authorization policy <c>"admin"</c>: an authenticated caller whose email is listed in
/// <c>RoleFerry:AdminEmails</c>. Use <c>.RequireAuthorization(AdminPolicy.Name)</c> on admin routes.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "admin";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(Name, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context =>
            {
                var email = context.User.FindFirstValue(ClaimTypes.Email);
                var services = (context.Resource as Microsoft.AspNetCore.Http.HttpContext)?.RequestServices;
                var admins = services?.GetService(typeof(IOptionsMonitor<AdminOptions>)) as IOptionsMonitor<AdminOptions>;
                return email is not null && admins is not null && admins.CurrentValue.IsAdmin(email);
            }));
}
