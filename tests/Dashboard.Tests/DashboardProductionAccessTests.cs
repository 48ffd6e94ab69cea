using System.Net;
using System.Text.Json;
using RoleFerry.Dashboard.Tests.Support;
using RoleFerry.Silo.Dashboard;

namespace RoleFerry.Dashboard.Tests;

/// <summary>
/// Outside Development every dashboard resource (page, scripts, fonts, JSON and streaming endpoints) is for admins:
/// no or a bad credential → 401, a non-admin → 403 (as on /api/admin/*), an admin → served. The credential is the API's
/// bearer token, in the Authorization header or in the cookie /dashboard/session sets for browsers.
/// </summary>
public sealed class DashboardProductionAccessTests(ProductionSilo silo) : IClassFixture<ProductionSilo>
{
    private const string Cookie = DashboardAccess.CookieName;

    [Fact]
    public void Every_dashboard_route_requires_an_admin()
    {
        var endpoints = DashboardRoutes.PackageEndpoints(silo.Factory.Services);

        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} dashboard routes");
        Assert.All(endpoints, e => Assert.True(DashboardRoutes.RequiresAdmin(e), e.RoutePattern.RawText));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_dashboard_resource()
    {
        var client = silo.Client();

        foreach (var (pattern, url) in DashboardRoutes.Urls(silo.Factory.Services, silo.SiloAddress))
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{pattern}: {(int)response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync(url, accept: "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync(url, bearer: "not-a-token"));
        }
    }

    [Fact]
    public async Task Non_admins_get_403_on_every_dashboard_resource_as_on_the_admin_api()
    {
        var client = silo.Client();
        var user = await Accounts.NewUserTokenAsync(client);

        foreach (var (pattern, url) in DashboardRoutes.Urls(silo.Factory.Services, silo.SiloAddress))
        {
            var status = await client.StatusAsync(url, bearer: user);
            Assert.True(status == HttpStatusCode.Forbidden, $"{pattern}: {(int)status}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, await client.StatusAsync("/api/admin/mailboxes", bearer: user));
    }

    [Fact]
    public async Task Admins_get_the_page_its_assets_and_its_data()
    {
        var client = silo.Client();
        var admin = await Accounts.AdminTokenAsync(client, silo.Factory.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/api/admin/mailboxes", bearer: admin)); // activates the mailbox pool

        foreach (var (pattern, url) in DashboardRoutes.Urls(silo.Factory.Services, silo.SiloAddress))
        {
            var status = await client.StatusAsync(url, bearer: admin);
            var expected = pattern switch
            {
                DashboardAccess.RoutePrefix => HttpStatusCode.MovedPermanently,
                _ when pattern.Contains("/fonts/", StringComparison.Ordinal) || pattern.Contains("/img/", StringComparison.Ordinal) => HttpStatusCode.NotFound, // no such file
                _ => HttpStatusCode.OK,
            };
            Assert.True(status == expected, $"{pattern}: {(int)status}, expected {(int)expected}");
        }

        using var page = await client.GetAsync("/dashboard/", bearer: admin);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The dashboard gathers its counters on a timer: read them again after its ticks until the pool's activation shows.
        using var ticks = new DashboardTicks();
        var counters = await ticks.UntilAsync(
            () => JsonAsync(client, "/dashboard/DashboardCounters", admin), c => Lists(c, DashboardRoutes.GrainType), TimeSpan.FromSeconds(30));

        Assert.Contains(counters.GetProperty("hosts").EnumerateArray(), h => h.GetProperty("siloAddress").GetString() == silo.SiloAddress);
        Assert.True(Lists(counters, DashboardRoutes.GrainType), counters.ToString());

        static bool Lists(JsonElement counters, string grainType) =>
            counters.GetProperty("simpleGrainStats").EnumerateArray().Any(s => s.GetProperty("grainType").GetString() == grainType);
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_sign_in_page()
    {
        var client = silo.Client();

        using var page = await client.GetAsync("/dashboard/?theme=dark", accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        using var bare = await client.GetAsync("/dashboard", accept: "text/html");
        using var signIn = await client.GetAsync(DashboardAccess.SignInPath, accept: "text/html");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard/login?returnUrl=%2Fdashboard%2F%3Ftheme%3Ddark", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("text/html", signIn.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.Contains("<form id=\"sign-in\">", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_given_to_admins_only_and_opens_only_the_dashboard()
    {
        var client = silo.Client();
        var admin = await Accounts.AdminTokenAsync(client, silo.Factory.ConnectionString);
        var user = await Accounts.NewUserTokenAsync(client);

        using var anonymous = await client.PostAsync(DashboardAccess.SessionPath);
        using var refused = await client.PostAsync(DashboardAccess.SessionPath, bearer: user);
        using var granted = await client.PostAsync(DashboardAccess.SessionPath, bearer: admin);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(refused.SetCookie(Cookie));
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        var setCookie = granted.SetCookie(Cookie);
        Assert.NotNull(setCookie);
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/dashboard", attributes);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", attributes); // plain http here; see the https test
        var cookie = setCookie.Split(';')[0];

        // The cookie alone opens the dashboard: page, script, data.
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/dashboard/", cookie: cookie, accept: "text/html"));
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/dashboard/index.min.js", cookie: cookie));
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/dashboard/ClusterStats", cookie: cookie, accept: "application/json"));
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/dashboard/Trace", cookie: cookie));

        // It is no credential for the API, nor for a POST.
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync("/api/me", cookie: cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync("/api/admin/mailboxes", cookie: cookie));
        using var post = await client.PostAsync(DashboardAccess.SessionPath, cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        // A non-admin's token in the cookie is refused like the header; a forged one is no credential.
        Assert.Equal(HttpStatusCode.Forbidden, await client.StatusAsync("/dashboard/ClusterStats", cookie: $"{Cookie}={user}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync("/dashboard/ClusterStats", cookie: $"{Cookie}=forged"));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure_also_behind_a_tls_proxy()
    {
        var https = silo.Client("https://localhost");
        var proxied = silo.Client();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var admin = await Accounts.AdminTokenAsync(https, silo.Factory.ConnectionString);

        using var direct = await https.PostAsync(DashboardAccess.SessionPath, bearer: admin);
        using var forwarded = await proxied.PostAsync(DashboardAccess.SessionPath, bearer: admin);

        Assert.Equal(HttpStatusCode.NoContent, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, forwarded.StatusCode);
        Assert.Contains("secure", direct.SetCookie(Cookie)!.Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()));
        Assert.Contains("secure", forwarded.SetCookie(Cookie)!.Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()));
    }

    [Fact]
    public async Task Signing_out_drops_the_cookie_and_returns_to_the_sign_in_page()
    {
        var client = silo.Client();

        using var signedOut = await client.PostAsync(DashboardAccess.SignOutPath);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(DashboardAccess.SignInPath, signedOut.Headers.Location?.OriginalString);
        var cleared = signedOut.SetCookie(Cookie);
        Assert.NotNull(cleared);
        Assert.Contains("expires=thu, 01 jan 1970", cleared.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", cleared.ToLowerInvariant(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url, string bearer)
    {
        using var response = await client.GetAsync(url, bearer: bearer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
