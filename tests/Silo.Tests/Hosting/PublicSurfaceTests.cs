using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Hosting;

/// <summary>
/// What a silo shows outside Development: no Swagger UI (the OpenAPI document stays), <c>/metrics</c> for admins only
/// on the API's port, HSTS and a redirect to https when the public address is https (health checks excepted).
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public async Task Swagger_UI_is_served_in_development_only_and_the_OpenAPI_document_everywhere()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var development = Silo(connectionString, Environments.Development);
        await using var production = Silo(connectionString, Environments.Production);
        using var developmentClient = development.CreateClient();
        using var productionClient = production.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await developmentClient.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await productionClient.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await productionClient.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Outside_development_metrics_on_the_api_port_are_for_admins_only()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var silo = Silo(connectionString, Environments.Production);
        using var client = silo.CreateClient();
        var user = await TokenAsync(client, $"u{Guid.NewGuid():N}@example.test");
        var adminEmail = $"a{Guid.NewGuid():N}@example.test";
        var admin = await TokenAsync(client, adminEmail, () => TestAdmins.GrantAsync(connectionString, adminEmail));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/metrics", user)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/metrics", admin)).StatusCode);
    }

    [Fact]
    public async Task With_an_https_public_address_plain_http_is_redirected_and_https_answers_carry_HSTS_but_health_checks_stay_plain()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var silo = Silo(connectionString, Environments.Production, ("RoleFerry:Email:PublicBaseUrl", "https://roleferry.test"));
        using var plain = silo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://roleferry.test") });
        using var secure = silo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://roleferry.test") });
        await using var httpOnly = Silo(connectionString, Environments.Production, ("RoleFerry:Email:PublicBaseUrl", "http://roleferry.test"));
        using var httpOnlyClient = httpOnly.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://roleferry.test") });

        var redirected = await plain.GetAsync("/api/jobs");
        var health = await plain.GetAsync("/health/live");
        var overHttps = await secure.GetAsync("/health/live");
        var notHttps = await httpOnlyClient.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal(new Uri("https://roleferry.test/api/jobs"), redirected.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("max-age=31536000", string.Join(",", overHttps.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False(notHttps.Headers.Contains("Strict-Transport-Security"));
    }

    private static WebApplicationFactory<Program> Silo(string connectionString, string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment)
                .UseSetting("ConnectionStrings:RoleFerry", connectionString)
                .UseSetting("RoleFerry:Security:SecretKey", Key())
                .UseSetting("RoleFerry:Security:TokenSigningKey", Key())
                .UseSetting("RoleFerry:WebhookSecret", Key())
                .UseSetting("RoleFerry:Cluster:ClusterId", $"surface-{Guid.NewGuid():N}")
                .UseSetting("RoleFerry:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
                .UseSetting("RoleFerry:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
                .UseSetting("RoleFerry:Cluster:AdvertisedAddress", "127.0.0.1");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Registers <paramref name="email"/>, runs <paramref name="beforeLogin"/> (the operator's grant) and logs in.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string email, Func<Task>? beforeLogin = null)
    {
        const string password = "correct horse battery";
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password, fullName = "Ada", mode = "job_seeker" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        if (beforeLogin is not null)
        {
            await beforeLogin();
        }

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
