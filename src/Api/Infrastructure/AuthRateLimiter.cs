using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// The limit on register and login (<see cref="ApiOptions.AuthRateLimit"/>: a fixed window per client address,
/// shared by both routes and by every silo of the cluster), counted in PostgreSQL (<c>auth_rate_windows</c>, one
/// upsert per request), so a client cannot multiply its attempts by the number of silos behind the load balancer.
/// The client address is the connection's, or the one a trusted proxy forwarded (<see cref="ClientAddress"/>).
/// Applied by an endpoint filter; windows that ended are deleted as requests come, at most once per window.
/// </summary>
public sealed class AuthRateLimiter(NpgsqlDataSource db, IOptions<ApiOptions> options, TimeProvider clock)
{
    private long _lastCleanupTicks;

    /// <summary>The endpoint filter: the request goes on within the limit, else 429 with Retry-After.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var retryAfter = await http.RequestServices.GetRequiredService<AuthRateLimiter>().AcquireAsync(ClientAddress.Of(http), http.RequestAborted);
        if (retryAfter is null)
        {
            return await next(context);
        }

        http.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests("Too many attempts from this address; retry later.");
    }

    /// <summary>Counts one request of <paramref name="client"/>: null within the limit, else how long until its window ends.</summary>
    public async Task<TimeSpan?> AcquireAsync(string client, CancellationToken ct)
    {
        var limit = options.Value.AuthRateLimit;
        var now = clock.GetUtcNow();
        await DeleteEndedWindowsAsync(now, limit.Window, ct);
        await using var command = db.Command(
            """
            INSERT INTO auth_rate_windows AS w (client, window_start, requests) VALUES ($1, $2, 1)
            ON CONFLICT (client) DO UPDATE SET
                window_start = CASE WHEN w.window_start + $3 <= $2 THEN $2 ELSE w.window_start END,
                requests     = CASE WHEN w.window_start + $3 <= $2 THEN 1 ELSE w.requests + 1 END
            RETURNING window_start, requests
            """,
            client, now, limit.Window);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (start, requests) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1));
        return requests <= limit.PermitLimit ? null : start + limit.Window - now;
    }

    private async Task DeleteEndedWindowsAsync(DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastCleanupTicks);
        if (now.UtcTicks - last < window.Ticks || Interlocked.CompareExchange(ref _lastCleanupTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        await using var command = db.Command("DELETE FROM auth_rate_windows WHERE window_start + $2 <= $1", now, window);
        await command.ExecuteNonQueryAsync(ct);
    }
}
