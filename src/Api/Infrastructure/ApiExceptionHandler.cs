using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;
using RoleFerry.Grains.Interfaces.Cluster;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// Turns exceptions into RFC 7807 answers. Bad input never yields a 500: malformed JSON and values of the wrong
/// type (thrown as <see cref="BadHttpRequestException"/>, see <c>RouteHandlerOptions.ThrowOnBadRequest</c>) answer
/// 400 naming the field; other request errors keep their status (413, 415, ...); a value PostgreSQL refuses as
/// data (e.g. a NUL character) answers 400 and, the transaction being rolled back, changes nothing; a grain call
/// that could not reach its silo during a failover answers 503 with Retry-After (<see cref="SiloUnreachable"/>).
/// Anything else is a 500 without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The <c>Retry-After</c> of a 503: about the time a cluster takes to declare a killed silo dead.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when ParameterOf(bad.Message) is { } field =>
                InvalidParameter(field, bad.Message),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = bad.Message,
            },
            PostgresException { SqlState: var state } pg when IsBadData(state) => Refused(pg),
            _ when SiloUnreachable.Is(exception) => Unavailable(context),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "The server failed to process the request; the request id identifies it in the logs.",
            };
        }
        else
        {
            LogRefused(logger, problem.Status ?? 400, exception.Message);
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        var message = json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"{field} has a value of the wrong type."
            : $"The request body is not valid JSON ({FirstSentence(json.Message)}).";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = message,
        };
    }

    private static HttpValidationProblemDetails InvalidParameter(string field, string message)
    {
        var text = message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            ? "A JSON body is required."
            : message.StartsWith("Required parameter", StringComparison.Ordinal)
                ? $"{field} is required."
                : $"{field} has a value of the wrong type.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [text] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = text,
        };
    }

    /// <summary>
    /// The parameter a binding failure names: <c>Failed to bind parameter "Nullable&lt;int&gt; page" from "abc".</c>
    /// → <c>page</c>; a missing body → <c>body</c>.
    /// </summary>
    internal static string? ParameterOf(string message)
    {
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return "body";
        }

        var match = BoundParameter().Match(message);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("""^(?:Failed to bind|Required) parameter "(?:[^"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)"(?: from| was not provided)""")]
    private static partial Regex BoundParameter();

    /// <summary>
    /// A grain's silo could not be reached (it died and the cluster has not declared it dead yet, a matter of
    /// seconds): 503 with <c>Retry-After</c>, never a 500; a retry then reaches a survivor.
    /// </summary>
    private static ProblemDetails Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable",
            Detail = $"Part of the cluster is failing over; retry in {RetryAfterSeconds} seconds.",
        };
    }

    private static ProblemDetails Refused(PostgresException pg) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Bad request",
        Detail = pg.ConstraintName is { } constraint
            ? $"A value in the request breaks the rule {constraint}."
            : "A value in the request is malformed or out of range.",
    };

    // 22xxx data exceptions (bad encoding, out of range), 23502 not null, 23503 missing reference, 23514 check.
    private static bool IsBadData(string state) =>
        state.StartsWith("22", StringComparison.Ordinal) || state is "23502" or "23503" or "23514";

    /// <summary><c>$.roles[0].title</c> → <c>roles[0].title</c>; the whole body (or no path) → <c>body</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string FirstSentence(string message)
    {
        var pathAt = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = pathAt > 0 ? message[..pathAt] : message;
        return text.TrimEnd('.', ' ');
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string reason);
}
