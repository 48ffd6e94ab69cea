using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace RoleFerry.Api.Infrastructure;

/// <summary>Fills in what every RFC 7807 answer carries: a detail (when the producer gave none) and the request id.</summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        problem.Detail ??= (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required: Authorization: Bearer <accessToken from POST /api/auth/login>.",
            StatusCodes.Status403Forbidden => "The caller may not do this.",
            StatusCodes.Status404NotFound => "There is no such resource.",
            StatusCodes.Status405MethodNotAllowed => "The resource does not support this method.",
            StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
            StatusCodes.Status429TooManyRequests => "Too many requests; retry later.",
            var status => ReasonPhrases.GetReasonPhrase(status),
        };
    }
}
