using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class RequestHandlingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int OneMiB = 1024 * 1024;

    public static IEnumerable<object[]> AuthenticatedRoutes => Routes.AuthenticatedData();

    [Theory]
    [MemberData(nameof(AuthenticatedRoutes))]
    public async Task Every_route_but_register_and_login_is_401_without_a_token(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", "1", StringComparison.Ordinal));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var response = await api.Anonymous().SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413_and_creates_nothing()
    {
        var user = await api.NewUserAsync();
        var name = new string('a', OneMiB);

        var response = await user.Client.PostJsonAsync("/api/companies", new { name, domain = Catalog.NewDomain() });

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0L, await Db.ScalarAsync(api.Factory.ConnectionString, "SELECT count(*) FROM companies WHERE created_by_user_id = $1", user.Id));
    }

    [Fact]
    public async Task A_chunked_body_over_1_MiB_is_413()
    {
        var content = new StreamContent(new NonSeekableStream(new byte[OneMiB + 1]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);

        var response = await api.Anonymous().PostAsync("/api/auth/register", content);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var user = await api.NewUserAsync();
        var padding = new string(' ', OneMiB - 200);
        var json = $$"""{"name":"Padded",{{padding}}"domain":"{{Catalog.NewDomain()}}"}""";

        var response = await user.Client.PostRawAsync("/api/companies", json);

        await response.JsonAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": \"Acme\", \"domain\": 42}")]
    public async Task Malformed_json_is_400_problem_details(string json)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/companies", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/companies", """{"name": "Acme", "domain": 42}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "domain");
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostAsync("/api/companies", new StringContent("", Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostAsync("/api/companies", new StringContent("name=Acme", Encoding.UTF8, "text/plain"));

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_NUL_character_is_400_not_500()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostJsonAsync("/api/companies", new { name = "Ac\0me", domain = Catalog.NewDomain() });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task An_id_out_of_range_is_404_not_500()
    {
        var user = await api.NewUserAsync();

        await (await user.Client.GetAsync("/api/applications/99999999999999999999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync("/api/applications/-1")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_that_scopes_its_logs()
    {
        var user = await api.NewUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/resume");
        request.Headers.Add("X-Request-Id", "req-42-abc");

        var response = await user.Client.SendAsync(request);
        var generated = await user.Client.GetAsync("/api/me");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("req-42-abc", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Equal("req-42-abc", problem.GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(generated.Headers.GetValues("X-Request-Id"))));
        var entry = Assert.Single(api.Factory.Logs.Entries, e => e.Message.StartsWith("HTTP GET /api/me/resume responded 404", StringComparison.Ordinal)
                                                               && Equals(e.Scope.GetValueOrDefault("RequestId"), "req-42-abc"));
        Assert.Equal("RoleFerry.Api.Infrastructure.RequestIdMiddleware", entry.Category);
    }

    [Fact]
    public async Task A_successful_answer_is_logged_at_debug_only()
    {
        var user = await api.NewUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("X-Request-Id", "req-ok-77");

        var response = await user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(api.Factory.Logs.Entries, e => e.Category == "RoleFerry.Api.Infrastructure.RequestIdMiddleware"
                                                             && Equals(e.Scope.GetValueOrDefault("RequestId"), "req-ok-77"));
    }
}
