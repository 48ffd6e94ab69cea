using System.Net;
using System.Runtime.CompilerServices;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests;

/// <summary>
/// A silo that has stopped leaves nothing running that keeps it in memory. ASP.NET Core's rate limiting middleware
/// did (its limiter's timer, never disposed, held the whole app: dotnet/aspnetcore#69061), so every test host and the
/// bench harness kept each silo they had stopped, ~90 MB apiece.
/// </summary>
public sealed class StoppedSiloTests
{
    [Fact]
    public async Task A_stopped_silo_that_rate_limited_a_login_can_be_collected()
    {
        // The first host of a process may stay reachable from threads the runtime starts once while it runs (the
        // event counters' thread keeps the execution context it was started in, test host builder included).
        await RunAndStopAsync();
        var services = await RunAndStopAsync();

        for (var i = 0; i < 20 && services.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        Assert.False(services.IsAlive);
    }

    /// <summary>Starts a silo, has its rate limiter refuse a login, stops it; returns a weak reference to its services.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunAndStopAsync()
    {
        var factory = new ApiFactory(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "1",
            ["RoleFerry:Api:AuthRateLimit:Window"] = "01:00:00",
        });
        using (var client = factory.CreateClient())
        {
            var login = new { email = Users.NewEmail(), password = "wrong password!" };
            await (await client.PostJsonAsync("/api/auth/login", login)).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await client.PostJsonAsync("/api/auth/login", login)).ProblemAsync(HttpStatusCode.TooManyRequests);
        }

        var services = new WeakReference(factory.Services);
        await factory.DisposeAsync();
        return services;
    }
}
