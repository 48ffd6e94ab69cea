using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Orleans.Dashboard;
using RoleFerry.Api.Accounts;

namespace RoleFerry.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard at <c>/dashboard</c> on every silo, and who may open it. In Development it is open. Elsewhere
/// every dashboard route (page, scripts, fonts, JSON and streaming endpoints) requires the <c>admin</c> policy, as
/// <c>/api/admin/*</c> does: no or a bad credential → 401, a non-admin → 403. The credential is the API's bearer token
/// (<c>POST /api/auth/login</c>), sent either in <c>Authorization: Bearer</c> (scripts, curl) or, for a browser, in the
/// dashboard cookie that <c>/dashboard/login</c> sets: that page logs in through the API and trades the admin's token
/// for an HttpOnly, SameSite=Strict cookie scoped to <c>/dashboard</c>, read on dashboard GETs only (never by
/// <c>/api</c>). A browser opening a dashboard page without a valid credential is redirected to the sign-in page.
/// </summary>
public static class DashboardAccess
{
    public const string RoutePrefix = "/dashboard";

    public const string SignInPath = RoutePrefix + "/login";

    public const string SessionPath = RoutePrefix + "/session";

    public const string SignOutPath = RoutePrefix + "/logout";

    /// <summary>The browser's dashboard credential (see <see cref="DashboardCookie"/>).</summary>
    public const string CookieName = "RoleFerry.Dashboard";

    /// <summary>Lets the API's bearer scheme read the dashboard cookie and sends browsers to the sign-in page.</summary>
    public static IServiceCollection AddRoleFerryDashboardAccess(this IServiceCollection services)
    {
        services.PostConfigure<BearerTokenOptions>(TokenIssuer.Scheme, options =>
        {
            var inner = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await inner(context);
                context.Token ??= DashboardCookie.TokenFor(context.Request);
            };
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DashboardSignInRedirect>();
        return services;
    }

    /// <summary>Maps the Orleans dashboard with its access rule, and the sign-in page, session and sign-out routes.</summary>
    public static WebApplication MapRoleFerryDashboard(this WebApplication app)
    {
        var dashboard = app.MapOrleansDashboard(routePrefix: RoutePrefix).ExcludeFromDescription();
        if (!app.Environment.IsDevelopment())
        {
            dashboard.RequireAuthorization(AdminPolicy.Name);
        }

        var access = app.MapGroup(RoutePrefix).ExcludeFromDescription();
        access.MapGet("/login", DashboardSignInPage.Serve).AllowAnonymous();
        access.MapPost("/session", (Delegate)StartSessionAsync).RequireAuthorization(AdminPolicy.Name);
        access.MapPost("/logout", EndSession).AllowAnonymous();
        return app;
    }

    /// <summary>A GET under <c>/dashboard</c> that asks for HTML: a browser opening a page, not the dashboard's XHRs.</summary>
    internal static bool IsPageRequest(HttpRequest request) =>
        request.Path.StartsWithSegments(RoutePrefix)
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>
    /// <c>POST /dashboard/session</c> with an admin's <c>Authorization: Bearer</c> header (the cookie is not read on a
    /// POST): 204 and the dashboard cookie holding that token, valid until the token expires.
    /// </summary>
    private static async Task<IResult> StartSessionAsync(HttpContext context)
    {
        var token = DashboardCookie.BearerTokenFromHeader(context.Request);
        var ticket = await context.AuthenticateAsync(TokenIssuer.Scheme);
        if (token is null || !ticket.Succeeded)
        {
            return Results.Unauthorized();
        }

        DashboardCookie.Append(context, token, ticket.Properties?.ExpiresUtc);
        return Results.NoContent();
    }

    /// <summary><c>POST /dashboard/logout</c>: drops the dashboard cookie, back to the sign-in page.</summary>
    private static IResult EndSession(HttpContext context)
    {
        DashboardCookie.Delete(context);
        return Results.Redirect(context.Request.PathBase + SignInPath);
    }
}
