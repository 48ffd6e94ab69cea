using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;
using RoleFerry.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests;

/// <summary>
/// The web app behind a load balancer without sticky sessions: two silos of one cluster, and every request of the
/// browser sent to the other silo than the one before (a Playwright route rewrites the port). Pages are rendered
/// on the server with no circuit, the cookie and the antiforgery tokens come from the key ring all silos share, so
/// a form rendered by one silo is accepted by the other and nothing is lost.
/// </summary>
public sealed class MultiSiloTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_request_may_go_to_another_silo()
    {
        var database = await TestDatabase.CreateAsync();
        await using var first = await SiloProcess.StartAsync(Environments.Production, WebSilo.Settings(database, "web-two-silos"));
        await using var second = await SiloProcess.StartAsync(Environments.Production, WebSilo.Settings(database, "web-two-silos"));
        await using var context = await BrowserPages.NewContextAsync(chromium, first);
        var ports = new[] { first.BaseAddress.Port, second.BaseAddress.Port };
        var served = new int[2];
        var next = 0;
        await context.RouteAsync("**/*", async route =>
        {
            // A load balancer: the request goes to the silo whose turn it is, the answer comes back as the first
            // silo's (the browser's origin), a redirect's Location included, as behind one address.
            var turn = Interlocked.Increment(ref next) % 2;
            Interlocked.Increment(ref served[turn]);
            var url = new UriBuilder(route.Request.Url) { Port = ports[turn] }.Uri.ToString();
            var answer = await route.FetchAsync(new RouteFetchOptions { Url = url, MaxRedirects = 0 });
            var headers = answer.Headers.ToDictionary(h => h.Key, h => h.Key == "location"
                ? h.Value.Replace($":{ports[turn]}/", $":{ports[0]}/", StringComparison.Ordinal)
                : h.Value);
            await route.FulfillAsync(new RouteFulfillOptions { Response = answer, Headers = headers });
        });
        var page = await context.NewPageAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];

        await People.SignUpAsync(page, "Lin Balanced", People.NewEmail());
        await page.GotoAsync("/jobs/new");
        await page.GetByLabel("Title").FillAsync("Site Reliability Engineer");
        await page.GetByLabel("Company").FillAsync($"Balance {unique}");
        await page.GetByLabel("Web domain").FillAsync($"balance-{unique}.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add job" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Track this job" }).ClickAsync();
        await page.GetByLabel("Notes").FillAsync("Referred by Sam.");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("applied");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).Locator("p.muted .status").First).ToHaveTextAsync("Applied");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Notes")).ToHaveValueAsync("Referred by Sam.");
        await People.NavigateAsync(page, "Applications");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Site Reliability Engineer" }) });
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Applied 1" })).ToBeVisibleAsync();
        Assert.True(served[0] > 5 && served[1] > 5, $"requests per silo: {served[0]} and {served[1]}");
    }
}
