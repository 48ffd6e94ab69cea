using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests;

public sealed class AccountsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Register_answers_201_with_the_new_account()
    {
        var email = Users.NewEmail();

        var response = await api.Anonymous().PostJsonAsync("/api/auth/register",
            new { email, password = "0123456789", fullName = "Grace Hopper", mode = "recruiter" });

        var user = await response.JsonAsync(HttpStatusCode.Created);
        Assert.True(user.Id() > 0);
        Assert.Equal(email, user.Str("email"));
        Assert.Equal("Grace Hopper", user.Str("fullName"));
        Assert.Equal("recruiter", user.Str("mode"));
        Assert.Equal("free", user.Str("subscriptionTier"));
        Assert.False(user.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Register_with_a_known_email_in_another_case_is_409()
    {
        var email = Users.NewEmail();
        var client = api.Anonymous();
        var first = await client.PostJsonAsync("/api/auth/register", new { email, password = Users.Password, fullName = "A", mode = "job_seeker" });
        await first.JsonAsync(HttpStatusCode.Created);

        var second = await client.PostJsonAsync("/api/auth/register",
            new { email = email.ToUpperInvariant(), password = Users.Password, fullName = "B", mode = "job_seeker" });

        await second.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-an-email", "0123456789", "Ada", "job_seeker", "email")]
    [InlineData("ada@example.com", "012345678", "Ada", "job_seeker", "password")]
    [InlineData("ada@example.com", "0123456789", " ", "job_seeker", "fullName")]
    [InlineData("ada@example.com", "0123456789", "Ada", "admin", "mode")]
    public async Task Register_refuses_invalid_fields_with_problem_details(string email, string password, string fullName, string mode, string field)
    {
        var response = await api.Anonymous().PostJsonAsync("/api/auth/register", new { email, password, fullName, mode });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Login_answers_a_bearer_token_that_opens_api_me()
    {
        var email = Users.NewEmail();
        var client = api.Anonymous();
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Users.Password, fullName = "Ada Lovelace", mode = "job_seeker" }))
            .JsonAsync(HttpStatusCode.Created);

        var login = await (await client.PostJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = Users.Password }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3600, login.GetProperty("expiresIn").GetInt64());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        Assert.True(me.Id() > 0);
        Assert.Equal(email, me.Str("email"));
        Assert.Equal("Ada Lovelace", me.Str("fullName"));
        Assert.Equal("job_seeker", me.Str("mode"));
        Assert.Equal("free", me.Str("subscriptionTier"));
        Assert.Equal(0, me.GetProperty("creditsRemaining").GetInt32());
        Assert.False(me.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_are_401()
    {
        var user = await api.NewUserAsync();
        var client = api.Anonymous();

        await (await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password!" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("/api/auth/login", new { email = Users.NewEmail(), password = Users.Password })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_without_a_password_is_400()
    {
        var response = await api.Anonymous().PostJsonAsync("/api/auth/login", new { email = "a@example.com" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "password");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Api_me_without_a_valid_token_is_401(string? authorization)
    {
        var client = api.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/me");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_minted_by_one_node_is_accepted_by_another_node_and_after_a_restart()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var shared = new Dictionary<string, string?> { ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        TestUser user;
        await using (var first = new ApiFactory(connectionString, shared))
        {
            user = await first.NewUserAsync();
            await using var second = new ApiFactory(connectionString, shared);
            var other = second.CreateClient();
            other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);

            var me = await (await other.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(user.Id, me.Id());
        }

        await using var restarted = new ApiFactory(connectionString, shared);
        var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var again = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(user.Id, again.Id());

        // One key, its secret encrypted at rest (no plain masterKey element in the table).
        var xml = Assert.Single(await Db.ColumnAsync(connectionString, "SELECT xml FROM data_protection_keys"));
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);

        // A node configured with another secret cannot read the key ring, so it refuses the token.
        await using var stranger = new ApiFactory(connectionString);
        var strangerClient = stranger.CreateClient();
        strangerClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        await (await strangerClient.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        using var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync(), clock: clock);
        var user = await factory.NewUserAsync();
        await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        clock.Jump(TimeSpan.FromHours(1));

        await (await user.Client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
