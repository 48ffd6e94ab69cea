using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;
using RoleFerry.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests;

/// <summary>Sign up, sign in and out in a browser: the API's messages beside their fields, the cookie, the navigation.</summary>
public sealed class AccountTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Navigation =
        ["Jobs", "Applications", "Contacts", "Sequences", "Templates", "Inbox", "Analytics", "Notifications", "Settings"];

    [Fact]
    public async Task A_person_signs_up_from_the_home_page_sees_the_navigation_and_signs_out()
    {
        var silo = await WebSilo.SharedAsync();
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await PageChecks.CheckAsync(page, "landing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign up" })).ToBeVisibleAsync();

        // The API's own words, beside the field they are about.
        var email = People.NewEmail();
        await page.GetByLabel("Full name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        var passwordField = page.Locator(".field").Filter(new() { Has = page.GetByLabel("Password") });
        await Expect(passwordField).ToContainTextAsync("password must be at least 10 characters.");
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.CheckAsync(page, "sign-up-rejected");

        await page.GetByLabel("Password").FillAsync(WebSilo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Grace Hopper" })).ToBeVisibleAsync();

        // The session cookie: HttpOnly, Secure outside Development, SameSite=Lax.
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "roleferry");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        // One link per name in the main navigation, none other of the page sharing its words; no Mailboxes.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var name in Navigation)
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(1);
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mailboxes" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/jobs");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fjobs$"));

        // Signing in again goes back to the page asked for.
        await People.FillSignInAsync(page, email, WebSilo.Password);
        await Expect(page).ToHaveURLAsync(new Uri(silo.BaseAddress, "/jobs").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_a_duplicate_email_and_a_locked_account_get_the_APIs_messages()
    {
        var silo = await WebSilo.SharedAsync();
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        var email = People.NewEmail();
        await People.SignUpAsync(page, "Alan Turing", email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync("/signup");
        await page.GetByLabel("Full name").FillAsync("Alan Again");
        await page.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await page.GetByLabel("Password").FillAsync(WebSilo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("An account with this email already exists.");

        await page.GotoAsync("/signin");
        await PageChecks.CheckAsync(page, "sign-in");
        await People.FillSignInAsync(page, email, "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or the password is wrong.");
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await People.FillSignInAsync(page, email, "not the password");
        }

        // The fifth wrong password locks the account (423 from then on, even with the right password).
        await People.FillSignInAsync(page, email, WebSilo.Password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The account is locked after too many wrong passwords until");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "roleferry");
    }

    [Fact]
    public async Task A_password_changed_in_another_session_sends_this_one_to_sign_in()
    {
        var silo = await WebSilo.SharedAsync();
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        var email = People.NewEmail();
        await People.SignUpAsync(page, "Katherine Johnson", email);

        // Another session (the API directly) changes the password: the API ends every other session.
        using var http = silo.Client();
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = WebSilo.Password });
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = WebSilo.Password, newPassword = "a brand new passphrase" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var changed = await http.SendAsync(change);
        changed.EnsureSuccessStatusCode();

        await People.NavigateAsync(page, "Jobs");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fjobs$"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "roleferry");
        await People.FillSignInAsync(page, email, "a brand new passphrase");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
    }
}
