using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using RoleFerry.Web.Api;
using RoleFerry.Web.Authentication;

namespace RoleFerry.Web.Layout;

/// <summary>
/// Around the pages: a page writes its own answer for a status such as 404 (the API's status code pages, which
/// write problem JSON, stay off for it); and when the API refused the signed-in person's token while a page was
/// rendered or a form handled (<see cref="ApiSessionEndedException"/>), the cookie is signed out and the person
/// sent to Sign in, to come back to the same page afterwards.
/// </summary>
public sealed class PageRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

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
