using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests.Support;

/// <summary>What a person does with the account pages, by the names API.md gives them.</summary>
public static class People
{
    public static string NewEmail(string prefix = "seeker") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>From "/": Sign up, fill Full name, Email and Password, press Sign up; ends on Home.</summary>
    public static async Task SignUpAsync(IPage page, string fullName, string email, string password = WebSilo.Password)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync(fullName);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Hello, {fullName}" })).ToBeVisibleAsync();
    }

    /// <summary>From "/": Sign in with Email and Password, press Sign in.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = WebSilo.Password)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await FillSignInAsync(page, email, password);
    }

    /// <summary>Fills the Sign in form and presses Sign in; returns once the answer to the form arrived.</summary>
    public static async Task FillSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>Follows a link of the main navigation.</summary>
    public static Task NavigateAsync(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
}
