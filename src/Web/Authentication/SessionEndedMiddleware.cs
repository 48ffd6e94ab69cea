using Microsoft.AspNetCore.Http;
using RoleFerry.Web.Api;

namespace RoleFerry.Web.Authentication;

/// <summary>
/// Around the pages: when the API refused the session's token while a page was rendered or a form handled
/// (<see cref="ApiSessionEndedException"/>), the cookie is signed out and the person sent to Sign in, to come
/// back to the same page afterwards.
/// </summary>
public sealed class SessionEndedMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsSessionEnded(e) && !context.Response.HasStarted)
        {
            await WebSessions.SignOutAsync(context);
            string back = context.Request.Method == HttpMethods.Get
                ? context.Request.Path + context.Request.QueryString
                : context.Request.Path.ToString();
            context.Response.Redirect(
                $"{WebAuthentication.SignInPath}?{WebAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(back)}");
        }
    }

    private static bool IsSessionEnded(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ApiSessionEndedException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsSessionEnded))
            {
                return true;
            }
        }

        return false;
    }
}
