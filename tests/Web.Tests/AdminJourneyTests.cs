using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;
using RoleFerry.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests;

/// <summary>
/// An admin's journey over the mailboxes in a browser: add one, activate, pause, resume, edit it (a rejected value
/// shows the API's message beside its field), its health log as a chart beside its table, the link to the Orleans
/// dashboard; a person who is not an admin has no Mailboxes. Every page passes axe and leaves a screenshot. The
/// mailboxes are added to a silo of their own, so no other test's sequence sends from them while they change.
/// </summary>
public sealed class AdminJourneyTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_adds_a_mailbox_activates_pauses_resumes_and_edits_it()
    {
        await using var silo = await SiloProcess.StartAsync(
            Microsoft.Extensions.Hosting.Environments.Production, WebSilo.Settings(await TestDatabase.CreateAsync(), "web-admin-tests"));
        await WebSilo.AdminTokenAsync(silo);
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        var address = $"ops-{Guid.NewGuid():N}@mail.roleferry.test";

        await People.SignInAsync(page, WebSilo.AdminEmail);
        await People.NavigateAsync(page, "Mailboxes");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mailboxes", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Orleans dashboard" })).ToHaveAttributeAsync("href", "/dashboard");
        await PageChecks.CheckAsync(page, "mailboxes");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add mailbox" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(address);
        await page.GetByLabel("Domain").FillAsync("mail.roleferry.test");
        await page.GetByLabel("Daily cap").FillAsync("40");
        await page.GetByLabel("SMTP host").FillAsync(SmtpSink.Host);
        await page.GetByLabel("SMTP port").FillAsync(SmtpSink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("SMTP username").FillAsync(address);
        await page.GetByLabel("SMTP password").FillAsync("smtp-secret-value");
        await page.GetByLabel("SMTP over TLS").UncheckAsync();
        await PageChecks.CheckAsync(page, "mailbox-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add mailbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = address })).ToBeVisibleAsync();
        var status = page.Locator("#mailbox-status");
        await Expect(status).ToHaveTextAsync("warmup");

        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("active");

        // Each change was a health check: the log as a chart (an SVG figure) beside its table.
        var health = page.GetByRole(AriaRole.Region, new() { Name = "Health" });
        await Expect(health.Locator("svg.chart")).ToBeVisibleAsync();
        await Expect(health.Locator("tbody tr").Nth(2)).ToBeVisibleAsync();

        // A rejected value: the API's message beside the field; a good one is saved.
        await page.GetByLabel("Daily cap").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save mailbox" }).ClickAsync();
        var capField = page.Locator(".field").Filter(new() { Has = page.GetByLabel("Daily cap") });
        await Expect(capField.Locator(".validation-message")).ToContainTextAsync("dailyCap");
        await PageChecks.CheckAsync(page, "mailbox-rejected");
        await page.GetByLabel("Daily cap").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save mailbox" }).ClickAsync();
        await Expect(page.GetByText(new Regex(@"cap 60 \(today 60\)"))).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "mailbox");

        await People.NavigateAsync(page, "Mailboxes");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = address }) });
        await Expect(row).ToContainTextAsync("active");
        await Expect(row).ToContainTextAsync("not read (webhook)");
    }

    [Fact]
    public async Task A_person_who_is_not_an_admin_cannot_open_the_mailboxes()
    {
        var silo = await WebSilo.SharedAsync();
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        await People.SignUpAsync(page, "Nadia Plain", People.NewEmail());

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mailboxes" })).ToHaveCountAsync(0);
        await page.GotoAsync("/mailboxes");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for this account" })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "access-denied");
    }
}
