using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace RoleFerry.Silo.Dashboard;

/// <summary>
/// Where authorization refuses a caller without a valid credential: a browser opening a dashboard page is redirected
/// to <c>/dashboard/login?returnUrl=…</c>; everything else (the dashboard's XHRs, scripts, curl, the API) gets the
/// usual answer from ASP.NET Core's default handler (401 / 403 problem details).
/// </summary>
internal sealed class DashboardSignInRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && DashboardAccess.IsPageRequest(context.Request))
        {
            var request = context.Request;
            var returnUrl = request.PathBase + request.Path + request.QueryString;
            context.Response.Redirect($"{request.PathBase}{DashboardAccess.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
