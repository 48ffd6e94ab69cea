using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// Gives every request an id (the caller's <c>X-Request-Id</c> when it is a short token, else the
/// TraceIdentifier), returns it in <c>X-Request-Id</c>, opens a logging scope <c>RequestId</c> around the whole
/// request and logs one line per request with its status and duration: at Information when the answer is an error
/// (status 400 and up, what support looks for by request id), at Debug otherwise (a line per successful request
/// cost 6–14% of the silo's throughput: BENCHMARKS.md). ASP.NET Core's request metrics count and time every answer.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        if (IsSafe(supplied))
        {
            context.TraceIdentifier = supplied;
        }

        var requestId = context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        // A message-template scope: "X-Request-Id:abc" in plain console logs, a RequestId property in structured ones.
        using var scope = logger.BeginScope("X-Request-Id:{RequestId}", requestId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            LogRequest(logger, status >= StatusCodes.Status400BadRequest ? LogLevel.Information : LogLevel.Debug,
                context.Request.Method, context.Request.Path, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    [LoggerMessage(Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);
}
