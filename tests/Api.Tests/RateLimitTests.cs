using System.Net;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Register_and_login_share_a_configurable_limit_and_answer_429_beyond_it()
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "3",
            ["RoleFerry:Api:AuthRateLimit:Window"] = "01:00:00",
        });
        var client = factory.CreateClient();
        var email = Users.NewEmail();

        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Users.Password, fullName = "Ada", mode = "job_seeker" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = "wrong password!" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Users.Password })).JsonAsync(HttpStatusCode.OK);

        var login = await client.PostJsonAsync("/api/auth/login", new { email, password = Users.Password });
        var register = await client.PostJsonAsync("/api/auth/register", new { email = Users.NewEmail(), password = Users.Password, fullName = "Bob", mode = "job_seeker" });

        await login.ProblemAsync(HttpStatusCode.TooManyRequests);
        await register.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(login.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(1L, await Db.ScalarAsync(factory.ConnectionString, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task Other_routes_are_not_limited()
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "2",
            ["RoleFerry:Api:AuthRateLimit:Window"] = "01:00:00",
        });
        var user = await factory.NewUserAsync();

        for (var i = 0; i < 5; i++)
        {
            await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        }
    }
}
