using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// Refuses request bodies over <see cref="ApiOptions.MaxRequestBodyBytes"/> with 413 problem details, before any
/// endpoint reads them: a larger Content-Length is refused at once; a body of unknown length (chunked) is read
/// into memory up to the limit and refused as soon as it goes past it. The server's own limit is lowered to the
/// same value as a second line. An endpoint with its own limit (<see cref="RequestSizeLimit"/>, e.g. the resume
/// upload's) is held to that one instead.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        var request = context.Request;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, limit);
            return;
        }

        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
        if (request.ContentLength is null && canHaveBody)
        {
            var buffered = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffered.Length + read > limit)
                {
                    await RefuseAsync(context, limit);
                    return;
                }

                buffered.Write(chunk, 0, read);
            }

            buffered.Position = 0;
            request.Body = buffered;
            request.ContentLength = buffered.Length;
        }

        await next(context);
    }

    private Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body must be at most {limit} bytes.",
            },
        }).AsTask();
    }
}
