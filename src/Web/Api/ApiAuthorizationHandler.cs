using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using RoleFerry.Web.Authentication;

namespace RoleFerry.Web.Api;

/// <summary>
/// The handler of every typed client: it sends the signed-in person's bearer token (from the cookie's ticket)
/// unless the request carries one already, and the person's address as <c>X-Forwarded-For</c> (so the API's
/// per-client limits see the person, not this silo; the API reads it only where forwarded headers are on, as
/// behind docker-compose's load balancer). A 401 to the person's own token means the API ended the session:
/// <see cref="ApiSessionEndedException"/>.
/// </summary>
public sealed class ApiAuthorizationHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext;
        var usesSessionToken = false;
        if (request.Headers.Authorization is null && PersonClaims.Token(context?.User) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            usesSessionToken = true;
        }

        if (context?.Connection.RemoteIpAddress is { } client)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (usesSessionToken && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new ApiSessionEndedException();
        }

        return response;
    }
}
