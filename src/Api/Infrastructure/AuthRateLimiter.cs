using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// The limit on register and login (<see cref="ApiOptions.AuthRateLimit"/>: a fixed window per client address,
/// shared by both routes), applied by an endpoint filter over one limiter that this singleton owns and the container
/// disposes when the app stops. ASP.NET Core's rate limiting middleware would do the same, but it never disposes the
/// limiter it creates, whose timer then keeps a stopped app and all its services reachable
/// (dotnet/aspnetcore#69061): ~90 MB for each silo started and stopped in one process, as the test hosts and the
/// bench harness do (BENCHMARKS.md, "Issue 13, sixth steps").
/// </summary>
public sealed class AuthRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public AuthRateLimiter(IOptions<ApiOptions> options)
    {
        var limit = options.Value.AuthRateLimit;
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
    }

    /// <summary>The endpoint filter: the request goes on with a permit, else 429 with Retry-After.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        using var lease = await http.RequestServices.GetRequiredService<AuthRateLimiter>().AcquireAsync(http);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Problems.TooManyRequests("Too many attempts from this address; retry later.");
    }

    /// <summary>A permit for one request from <paramref name="context"/>'s client, or a refusal with Retry-After.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context) => _limiter.AcquireAsync(context, 1, context.RequestAborted);

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
