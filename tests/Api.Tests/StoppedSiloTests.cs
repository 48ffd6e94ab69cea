using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests;

/// <summary>
/// A silo that stops disposes the rate limiter of register and login with it, so nothing of the silo stays in
/// memory through the limiter's timer. ASP.NET Core's rate limiting middleware never disposed its limiter and kept
/// every stopped app reachable (dotnet/aspnetcore#69061): ~90 MB per silo started and stopped in one process.
/// </summary>
public sealed class StoppedSiloTests
{
    [Fact]
    public async Task A_stopped_silo_has_disposed_the_limiter_that_refused_a_login()
    {
        var factory = new ApiFactory(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "1",
            ["RoleFerry:Api:AuthRateLimit:Window"] = "01:00:00",
        });
        var limiter = factory.Services.GetRequiredService<AuthRateLimiter>();
        using (var client = factory.CreateClient())
        {
            var login = new { email = Users.NewEmail(), password = "wrong password!" };
            await (await client.PostJsonAsync("/api/auth/login", login)).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await client.PostJsonAsync("/api/auth/login", login)).ProblemAsync(HttpStatusCode.TooManyRequests);
        }

        await factory.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await limiter.AcquireAsync(new DefaultHttpContext()));
    }
}
