using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Tests;

/// <summary>
/// During a failover (a silo killed, not yet declared dead) a grain call routed to the dead silo is rejected, fails
/// to connect or times out: the API answers 503 with Retry-After, never 500 (issue 24, item 11). The whole path, a
/// cluster losing a silo under enrollments, is ClusterFailoverTests'.
/// </summary>
public sealed class FailoverAnswerTests
{
    public static TheoryData<Exception> Unreachable => new()
    {
        new SiloUnavailableException("The target silo became unavailable for message: Request [S127.0.0.1:11113:0 sys]"),
        new ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:11113:0"),
        new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request"),
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public async Task A_grain_call_that_could_not_reach_its_silo_answers_503_with_retry_after(Exception unreachable)
    {
        var (status, retryAfter, body) = await AnswerAsync(unreachable);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), retryAfter);
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.DoesNotContain("silo", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Any_other_failure_stays_a_500_without_retry_after()
    {
        var (status, retryAfter, _) = await AnswerAsync(new InvalidOperationException("a bug"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal("", retryAfter);
    }

    private static async Task<(int Status, string RetryAfter, JsonElement Body)> AnswerAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        var body = (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString(), body);
    }
}
