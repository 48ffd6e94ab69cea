using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;
using RoleFerry.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests;

/// <summary>
/// A job seeker's whole journey in a browser, by the names people see: sign up, set a timezone, add a company and a
/// job, track it, add a contact, write a two-step template, enroll; step 1 reaches the SMTP server and shows as sent;
/// the contact's reply, read over IMAP, is in the inbox, the sequence shows stopped and analytics counts one reply.
/// Every page on the way passes axe and leaves a screenshot.
/// </summary>
public sealed class JourneyTests(BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_job_seeker_goes_from_sign_up_to_a_reply_in_the_inbox()
    {
        var silo = await WebSilo.SharedAsync();
        var mailbox = await Mail.NewReadMailboxAsync(silo);
        await using var context = await BrowserPages.NewContextAsync(chromium, silo);
        var page = await context.NewPageAsync();
        var me = People.NewEmail();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var contactEmail = $"grace-{unique}@contact.example.test";

        await People.SignUpAsync(page, "Ada Seeker", me);
        await PageChecks.CheckAsync(page, "home-empty");

        // Settings: a timezone.
        await People.NavigateAsync(page, "Settings");
        await page.GetByLabel("Timezone").FillAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Profile saved.");
        await Expect(page.GetByLabel("Timezone")).ToHaveValueAsync("Europe/Paris");
        await PageChecks.CheckAsync(page, "settings");

        // Jobs: Add job (a company RoleFerry does not know yet: its domain creates it).
        await People.NavigateAsync(page, "Jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add job" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Platform Engineer");
        await page.GetByLabel("Company").FillAsync($"Acme {unique}");
        await page.GetByLabel("Web domain").FillAsync($"acme-{unique}.example");
        await page.GetByLabel("Location").FillAsync("Paris");
        await PageChecks.CheckAsync(page, "add-job");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add job" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Platform Engineer" })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "job");

        // Track it as applied: its application page.
        await page.GetByLabel("Status").SelectOptionAsync("applied");
        await page.GetByRole(AriaRole.Button, new() { Name = "Track this job" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/applications/\d+$"));
        var applicationUrl = page.Url;

        // A contact at the company.
        await page.GetByLabel("Full name").FillAsync("Grace Recruiter");
        await page.GetByLabel("Email").FillAsync(contactEmail);
        await page.GetByLabel("Title").FillAsync("Recruiter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Grace Recruiter" })).ToBeVisibleAsync();

        // Templates: a two-step template that may send at any hour of any day.
        await People.NavigateAsync(page, "Templates");
        await page.GetByRole(AriaRole.Link, new() { Name = "New template" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Warm intro {unique}");
        await page.GetByLabel("Subject of step 1").FillAsync("Quick question about {{role}} at {{company}}");
        await page.GetByLabel("Body of step 1").FillAsync("Hi {{first_name}},\n\nCould I ask you two questions about the {{role}} role?\n\n{{my_name}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a step" }).ClickAsync();
        await page.GetByLabel("Hours after the previous step").FillAsync("48");
        await page.GetByLabel("Body of step 2").FillAsync("Hi {{first_name}}, just bringing this up again.\n\n{{my_name}}");
        await page.GetByLabel("Saturday").CheckAsync();
        await page.GetByLabel("Sunday").CheckAsync();
        await page.GetByLabel("From (HH:MM)").FillAsync("00:00");
        await page.GetByLabel("Until (HH:MM, 24:00 for midnight)").FillAsync("24:00");
        await PageChecks.CheckAsync(page, "template-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Template saved.");
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview.GetByRole(AriaRole.Article, new() { Name = "Step 1 (0 hours after enrolling)" })).ToContainTextAsync("Subject: Quick question about Software Engineer at Acme");
        await Expect(preview.GetByRole(AriaRole.Article, new() { Name = "Step 2 (48 hours after the previous step)" })).ToContainTextAsync("Subject: Re: Quick question about Software Engineer at Acme");
        await Expect(preview).ToContainTextAsync("Hi Jamie,");
        await PageChecks.CheckAsync(page, "template");

        // Enroll the contact from the application's page.
        await page.GotoAsync(applicationUrl);
        await page.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = "Grace Recruiter" });
        await page.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Warm intro {unique}" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll" }).ClickAsync();
        var sequence = page.GetByRole(AriaRole.Article, new() { Name = $"Grace Recruiter · Warm intro {unique}" });
        await Expect(sequence).ToBeVisibleAsync();

        // Step 1 reaches the SMTP server, then shows as sent on the application's page.
        var sent = (await SmtpSink.WaitForAsync([contactEmail], 1, MailTimeout)).Single();
        Assert.Equal($"Quick question about Platform Engineer at Acme {unique}", sent.Header("Subject"));
        await Reloads.UntilVisibleAsync(page, () => page.GetByRole(AriaRole.Article, new() { Name = $"Grace Recruiter · Warm intro {unique}" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = "Step 1" }).GetByText("Sent", new() { Exact = true }));
        await Expect(sequence.GetByRole(AriaRole.Row).Filter(new() { HasText = "Step 2" })).ToContainTextAsync("Scheduled");
        await PageChecks.CheckAsync(page, "application");

        // Grace replies; RoleFerry reads it over IMAP and relays it to the job seeker.
        await Mail.ReplyAsync(mailbox, sent, contactEmail, "Happy to help, call me on Thursday.");
        await SmtpSink.WaitForAsync([me], 1, MailTimeout);

        await People.NavigateAsync(page, "Inbox");
        var reply = page.GetByRole(AriaRole.Link, new() { Name = $"Re: Quick question about Platform Engineer at Acme {unique}" });
        await Expect(reply).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "inbox");
        await reply.ClickAsync();
        await Expect(page.GetByText("Happy to help, call me on Thursday.")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "inbox-message");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark read" })).ToHaveCountAsync(0);

        // The sequence stopped on the reply.
        await People.NavigateAsync(page, "Sequences");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Grace Recruiter" }) });
        await Expect(row).ToContainTextAsync("Stopped: replied");
        await PageChecks.CheckAsync(page, "sequences");

        // Analytics: one email sent, one reply, by template.
        await People.NavigateAsync(page, "Analytics");
        var templateRow = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = $"Warm intro {unique}" }) });
        await Expect(templateRow.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("1");
        await Expect(templateRow.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("1");
        await Expect(templateRow.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("100%");
        await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "analytics");
        await page.GetByRole(AriaRole.Link, new() { Name = "By day" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
            .Or(page.GetByRole(AriaRole.Rowheader, new() { Name = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "analytics-by-day");

        // The tracker: the application by its job title, its status and the reply counted.
        await People.NavigateAsync(page, "Applications");
        var tracked = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Platform Engineer" }) });
        await Expect(tracked).ToContainTextAsync($"Acme {unique}");
        await PageChecks.CheckAsync(page, "applications");

        await People.NavigateAsync(page, "Notifications");
        await PageChecks.CheckAsync(page, "notifications");
        await People.NavigateAsync(page, "Home");
        await Expect(page.Locator("svg.chart")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "home");
    }
}
