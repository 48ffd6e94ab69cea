using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using RoleFerry.Dashboard.Tests.Support;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's headless chromium driven by Playwright) against a running silo process:
/// the silo is listed and RoleFerry's grain types are. Waits are Playwright's auto-waiting assertions, never sleeps.
/// Set ROLEFERRY_TEST_SCREENSHOTS to a folder to keep a screenshot of each page seen.
/// </summary>
public sealed partial class DashboardBrowserTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Outside_development_an_admin_signs_in_and_sees_the_silo_and_roleferry_grains()
    {
        await using var silo = await ProcessSilo.StartAsync(Environments.Production);
        using var http = silo.Client();
        var userEmail = Accounts.NewEmail();
        await Accounts.RegisterAndLoginAsync(http, userEmail);
        await ActivateMailboxPoolAsync(http, await Accounts.AdminTokenAsync(http, silo.ConnectionString));
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = silo.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(SignInUrl(), new() { Timeout = Timeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "RoleFerry dashboard" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "sign-in");

        await SignInAsync(page, userEmail);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This account is not a RoleFerry administrator.", new() { Timeout = Timeout });
        await Expect(page).ToHaveURLAsync(SignInUrl());

        await SignInAsync(page, SiloSettings.AdminEmail);
        await Expect(page).ToHaveURLAsync(new Uri(silo.BaseAddress, "/dashboard/").ToString(), new() { Timeout = Timeout });
        await SeesTheSiloAndRoleFerryGrainsAsync(page, silo, "production");
    }

    [Fact]
    public async Task In_development_the_dashboard_opens_without_signing_in()
    {
        await using var silo = await ProcessSilo.StartAsync(Environments.Development);
        using var http = silo.Client();
        await ActivateMailboxPoolAsync(http, await Accounts.AdminTokenAsync(http, silo.ConnectionString));
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = silo.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");

        await Expect(page).ToHaveURLAsync(new Uri(silo.BaseAddress, "/dashboard/").ToString(), new() { Timeout = Timeout });
        await SeesTheSiloAndRoleFerryGrainsAsync(page, silo, "development");
    }

    /// <summary>A grain call before the browser looks: the admin's mailbox list is answered by the mailbox pool grain.</summary>
    private static async Task ActivateMailboxPoolAsync(HttpClient http, string adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/mailboxes");
        request.Headers.Authorization = new("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(SiloSettings.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task SeesTheSiloAndRoleFerryGrainsAsync(IPage page, SiloProcess silo, string name)
    {
        // Overview: one active silo.
        await Expect(page.GetByText("Active Silos")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, $"{name}-overview");

        // Silos: this silo, by the address it advertises (127.0.0.1:<silo port>@<generation>), active (the first
        // row naming it is the Silo Health table's; the Silo Map lists it again).
        await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        var address = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^127\.0\.0\.1:{silo.SiloPort}@\d+$") });
        await Expect(page.Locator("tr").Filter(new() { Has = address }).First).ToContainTextAsync("Active", new() { Timeout = Timeout });
        await ScreenshotAsync(page, $"{name}-silos");

        // Grains: RoleFerry's grain types with activations, shown by class name with the full name as the cell's title.
        await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        await Expect(page.Locator("td[title='RoleFerry.Grains.Mailboxes.MailboxPoolGrain']")).ToHaveTextAsync("MailboxPoolGrain", new() { Timeout = Timeout });
        await Expect(page.Locator("td[title='RoleFerry.Grains.Maintenance.MaintenanceGrain']")).ToHaveTextAsync("MaintenanceGrain", new() { Timeout = Timeout });
        await ScreenshotAsync(page, $"{name}-grains");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ROLEFERRY_TEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"dashboard-{name}.png"), FullPage = true });
        }
    }

    [GeneratedRegex(@"/dashboard/login\?returnUrl=%2Fdashboard$")]
    private static partial Regex SignInUrl();
}
