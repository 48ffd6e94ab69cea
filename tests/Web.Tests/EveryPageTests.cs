using Microsoft.Playwright;
using RoleFerry.Testing.Browser;
using RoleFerry.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests;

/// <summary>
/// Every page a new person reaches from the navigation: its heading, an empty state that says what to do next where
/// there is nothing yet, the navigation's names once each, no serious or critical axe violation, a screenshot.
/// </summary>
public sealed class EveryPageTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "Jobs", "Jobs", null },
        { "Applications", "Applications", "You are not tracking any job yet." },
        { "Contacts", "Contacts", "No contact yet." },
        { "Sequences", "Sequences", "No sequence yet." },
        { "Templates", "Templates", "You have no template of your own yet." },
        { "Inbox", "Inbox", "No answer yet." },
        { "Analytics", "Analytics", "No email left in this period." },
        { "Notifications", "Notifications", "Nothing to tell you yet." },
        { "Settings", "Settings", null },
    };

    private static readonly string[] Navigation =
        ["Jobs", "Applications", "Contacts", "Sequences", "Templates", "Inbox", "Analytics", "Notifications", "Settings"];

    [Fact]
    public async Task Every_page_of_the_navigation_is_accessible_and_says_what_to_do_when_empty()
    {
        var silo = await WebSilo.SharedAsync();
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        await People.SignUpAsync(page, "Eve Empty", People.NewEmail());

        foreach (var row in Pages)
        {
            var (link, heading, empty) = ((string)row[0], (string)row[1], (string?)row[2]);
            await People.NavigateAsync(page, link);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            if (empty is not null)
            {
                await Expect(page.Locator(".empty-state")).ToContainTextAsync(empty);
            }

            foreach (var name in Navigation)
            {
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(1);
            }

            await PageChecks.CheckAsync(page, $"empty-{link.ToLowerInvariant()}");
        }

        foreach (var (path, heading) in new[]
        {
            ("/jobs?view=matched", "Jobs"), ("/jobs/new", "Add job"), ("/templates/new", "New template"),
            ("/settings/password", "Change password"), ("/settings/delete", "Delete my account"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "page" + path.Replace('/', '-').Replace('?', '-').Replace('=', '-'));
        }

        // Someone else's (or no) application: a page that says so.
        await page.GotoAsync("/applications/987654321");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "not-found");
    }
}
