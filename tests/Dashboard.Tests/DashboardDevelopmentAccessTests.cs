using System.Net;
using System.Text.Json;
using RoleFerry.Dashboard.Tests.Support;

namespace RoleFerry.Dashboard.Tests;

/// <summary>In Development the dashboard is open: no credential needed for the page, its assets or its data.</summary>
public sealed class DashboardDevelopmentAccessTests(DevelopmentSilo silo) : IClassFixture<DevelopmentSilo>
{
    [Fact]
    public void No_dashboard_route_requires_authorization_in_development()
    {
        var endpoints = DashboardRoutes.PackageEndpoints(silo.Factory.Services);

        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} dashboard routes");
        Assert.All(endpoints, e => Assert.False(DashboardRoutes.RequiresAdmin(e), e.RoutePattern.RawText));
    }

    [Fact]
    public async Task Every_dashboard_resource_answers_without_credentials()
    {
        var client = silo.Client();

        foreach (var (pattern, url) in DashboardRoutes.Urls(silo.Factory.Services, silo.SiloAddress))
        {
            var status = await client.StatusAsync(url);
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{pattern}: {(int)status}");
        }

        using var page = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The dashboard gathers its counters on a timer: read them again after its ticks until the silo shows.
        using var ticks = new DashboardTicks();
        var hosts = await ticks.UntilAsync(
            async () =>
            {
                using var counters = await client.GetAsync("/dashboard/DashboardCounters");
                Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
                return JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement.GetProperty("hosts").Clone();
            },
            h => Lists(h, silo.SiloAddress),
            TimeSpan.FromSeconds(30));

        Assert.True(Lists(hosts, silo.SiloAddress), hosts.ToString());
        Assert.Equal(HttpStatusCode.MovedPermanently, await client.StatusAsync("/dashboard"));

        static bool Lists(JsonElement hosts, string siloAddress) =>
            hosts.EnumerateArray().Any(h => h.GetProperty("siloAddress").GetString() == siloAddress);
    }
}
