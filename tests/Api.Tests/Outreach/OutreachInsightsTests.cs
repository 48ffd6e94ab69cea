using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// What a user sees of their outreach, on real sends: the sequences list, an application's timeline, outreach
/// analytics, the template tracking switches, and sending windows read in the user's timezone.
/// </summary>
public sealed class OutreachInsightsTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    private const string Body = "Hi {{first_name}},\n\nMy portfolio: https://portfolio.example.org/work\n\nThanks";

    [Fact]
    public async Task The_sequences_list_filters_pages_newest_first_and_shows_next_step_at()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var other = await user.NewApplicationAsync("Data Engineer");
        var template = await user.NewTemplateAsync((0, "Hello", "Hi"), (48, "Again", "Again"));
        var (first, firstEmail) = await user.NewContactAsync(job.CompanyId);
        var (second, _) = await user.NewContactAsync(job.CompanyId);
        var (third, _) = await user.NewContactAsync(other.CompanyId);
        var a = await user.EnrollAsync(job.ApplicationId, first, template);
        var b = await user.EnrollAsync(job.ApplicationId, second, template);
        var c = await user.EnrollAsync(other.ApplicationId, third, template);
        await OutreachApi.WaitForEmailsAsync(firstEmail, 1);
        var sent = await user.WaitForSequenceAsync(outreach.Clock, a.Id(), s => s.StepStatuses()[0] == "sent");
        await (await user.Client.PostAsync($"/api/sequences/{b.Id()}/cancel", null)).JsonAsync(HttpStatusCode.OK);

        var all = await (await user.Client.GetAsync("/api/sequences")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([c.Id(), b.Id(), a.Id()], all.Items().Select(s => s.Id()));
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        var listed = all.Items().Single(s => s.Id() == a.Id());
        Assert.Equal(job.ApplicationId, listed.GetProperty("applicationId").GetInt64());
        Assert.Equal(first, listed.GetProperty("contactId").GetInt64());
        Assert.Equal((await (await user.Client.GetAsync($"/api/contacts/{first}")).JsonAsync(HttpStatusCode.OK)).Str("fullName"), listed.Str("contactName"));
        Assert.Equal(job.JobTitle, listed.Str("jobTitle"));
        Assert.Equal("active", listed.Str("status"));
        Assert.False(listed.TryGetProperty("steps", out _));
        Assert.Equal(sent.GetProperty("mailbox").Id(), listed.GetProperty("mailbox").Id());
        Assert.Equal(sent.GetProperty("steps")[1].GetProperty("scheduledAt").GetDateTimeOffset(), listed.GetProperty("nextStepAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, all.Items().Single(s => s.Id() == b.Id()).GetProperty("nextStepAt").ValueKind);

        var ofJob = await (await user.Client.GetAsync($"/api/sequences?applicationId={job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([b.Id(), a.Id()], ofJob.Items().Select(s => s.Id()));
        var ofContact = await (await user.Client.GetAsync($"/api/sequences?contactId={third}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([c.Id()], ofContact.Items().Select(s => s.Id()));
        var canceled = await (await user.Client.GetAsync("/api/sequences?status=canceled")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([b.Id()], canceled.Items().Select(s => s.Id()));
        var paged = await (await user.Client.GetAsync("/api/sequences?page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([a.Id()], paged.Items().Select(s => s.Id()));

        var stranger = await outreach.NewUserAsync();
        var none = await (await stranger.Client.GetAsync($"/api/sequences?applicationId={job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(none.Items());
        await (await stranger.Client.GetAsync($"/api/sequences/{a.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("applicationId=0", "applicationId")]
    [InlineData("contactId=abc", "contactId")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task A_bad_sequences_filter_is_400_naming_it(string query, string field)
    {
        var user = await outreach.NewUserAsync();

        await (await user.Client.GetAsync($"/api/sequences?{query}")).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_timeline_lists_status_changes_emails_opens_clicks_replies_and_interviews_in_time_order()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        var template = await user.NewTemplateAsync((0, "Portfolio", Body));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(), s => s.Str("status") == "completed");
        var anonymous = outreach.Anonymous();

        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/t/o/{email.TrackingToken('o')}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/t/o/{email.TrackingToken('o')}")).StatusCode);
        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        var noRedirect = outreach.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        Assert.Equal(HttpStatusCode.Redirect, (await noRedirect.GetAsync($"/t/c/{email.TrackingToken('c')}")).StatusCode);
        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        await (await user.Client.PostEventsAsync(OutreachApi.Event("reply", email.Header("Message-ID"), outreach.Clock.UtcNow))).JsonAsync(HttpStatusCode.OK);
        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        var interview = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews",
            new { scheduledAt = outreach.Clock.UtcNow.AddDays(10), kind = "video" })).JsonAsync(HttpStatusCode.Created);
        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        await (await user.Client.PatchJsonAsync($"/api/interviews/{interview.Id()}", new { kind = "onsite" })).JsonAsync(HttpStatusCode.OK);

        var timeline = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/timeline")).JsonAsync(HttpStatusCode.OK);

        var kinds = timeline.Items().Select(e => e.Str("kind")).ToList();
        Assert.Equal(
            ["status_changed", "email_sent", "email_opened", "email_clicked", "reply_received", "status_changed", "interview_scheduled",
             "status_changed", "interview_updated"],
            kinds);
        var at = timeline.Items().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(at.Order(), at);
        var items = timeline.Items().ToList();
        Assert.Equal(sequence.Id(), items[1].GetProperty("sequenceId").GetInt64());
        Assert.Equal("Portfolio", items[1].Str("subject"));
        Assert.Equal(2, items[2].GetProperty("count").GetInt32());
        Assert.Equal("applied", items[5].Str("toStatus"));
        Assert.Equal("system", items[5].Str("cause"));
        Assert.Equal(interview.Id(), items[6].GetProperty("interviewId").GetInt64());
        Assert.Equal("interviewing", items[7].Str("toStatus"));
        Assert.Equal("onsite", items[8].Str("interviewKind"));
        Assert.Equal(9, timeline.GetProperty("total").GetInt64());

        var stranger = await outreach.NewUserAsync();
        await (await stranger.Client.GetAsync($"/api/applications/{job.ApplicationId}/timeline")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/timeline?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Analytics_count_each_email_once_rates_over_sent_and_group_by_template_step_and_day()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var from = outreach.Clock.UtcNow;
        var twoSteps = await user.NewTemplateAsync((0, "One", Body), (0.001, "Two", "Two"));
        var oneStep = await user.NewTemplateAsync((0, "Solo", Body));
        var (alex, alexEmail) = await user.NewContactAsync(job.CompanyId);
        var (sam, samEmail) = await user.NewContactAsync(job.CompanyId);
        var first = await user.EnrollAsync(job.ApplicationId, alex, twoSteps);
        var second = await user.EnrollAsync(job.ApplicationId, sam, oneStep);
        var toAlex = Assert.Single(await OutreachApi.WaitForEmailsAsync(alexEmail, 1));
        await user.WaitForSequenceAsync(outreach.Clock, first.Id(), s => s.StepStatuses()[0] == "sent");
        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        await OutreachApi.WaitForEmailsAsync(alexEmail, 2);
        await user.WaitForSequenceAsync(outreach.Clock, first.Id(), s => s.Str("status") == "completed");
        var toSam = Assert.Single(await OutreachApi.WaitForEmailsAsync(samEmail, 1));
        await user.WaitForSequenceAsync(outreach.Clock, second.Id(), s => s.Str("status") == "completed");
        var anonymous = outreach.Anonymous();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await anonymous.GetAsync($"/t/o/{toAlex.TrackingToken('o')}");
        }

        await (await user.Client.PostEventsAsync(
            OutreachApi.Event("reply", toSam.Header("Message-ID"), outreach.Clock.UtcNow),
            OutreachApi.Event("auto_reply", toAlex.Header("Message-ID"), outreach.Clock.UtcNow))).JsonAsync(HttpStatusCode.OK);
        var to = outreach.Clock.UtcNow.AddMinutes(1);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

        var totals = (await (await user.Client.GetAsync($"/api/analytics/outreach?{range}")).JsonAsync(HttpStatusCode.OK)).GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("sent").GetInt64());
        Assert.Equal(1, totals.GetProperty("opened").GetInt64());
        Assert.Equal(1, totals.GetProperty("replied").GetInt64());
        Assert.Equal(1, totals.GetProperty("autoReplied").GetInt64());
        Assert.Equal(0, totals.GetProperty("bounced").GetInt64());
        Assert.Equal(0, totals.GetProperty("clicked").GetInt64());
        Assert.Equal(0.3333, totals.GetProperty("replyRate").GetDouble());
        Assert.Equal(0, totals.GetProperty("bounceRate").GetDouble());

        var byTemplate = await (await user.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=template")).JsonAsync(HttpStatusCode.OK);
        var groups = byTemplate.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("key"));
        Assert.Equal(2, groups[twoSteps.ToString(System.Globalization.CultureInfo.InvariantCulture)].GetProperty("sent").GetInt64());
        Assert.Equal(1, groups[oneStep.ToString(System.Globalization.CultureInfo.InvariantCulture)].GetProperty("replied").GetInt64());
        Assert.Equal(1.0, groups[oneStep.ToString(System.Globalization.CultureInfo.InvariantCulture)].GetProperty("replyRate").GetDouble());
        var byStep = await (await user.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=step")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["1", "2"], byStep.GetProperty("groups").EnumerateArray().Select(g => g.Str("key")));
        Assert.Equal(2, byStep.GetProperty("groups")[0].GetProperty("sent").GetInt64());
        var byDay = await (await user.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=day")).JsonAsync(HttpStatusCode.OK);
        var day = Assert.Single(byDay.GetProperty("groups").EnumerateArray());
        Assert.Equal(from.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day.Str("key"));
        Assert.Equal(3, day.GetProperty("sent").GetInt64());

        await (await user.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=mailbox")).ProblemAsync(HttpStatusCode.Forbidden);
        var admin = await outreach.AdminAsync();
        var adminView = await (await admin.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=mailbox")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, adminView.GetProperty("totals").GetProperty("sent").GetInt64());

        var stranger = await outreach.NewUserAsync();
        var theirs = await (await stranger.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=template")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, theirs.GetProperty("totals").GetProperty("sent").GetInt64());
        Assert.Empty(theirs.GetProperty("groups").EnumerateArray());
    }

    [Theory]
    [InlineData("groupBy=contact", "groupBy")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    public async Task Bad_analytics_queries_are_400_naming_the_field(string query, string field)
    {
        var user = await outreach.NewUserAsync();

        await (await user.Client.GetAsync($"/api/analytics/outreach?{query}")).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_template_without_open_and_click_tracking_sends_no_pixel_and_its_links_as_written()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var created = await (await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = $"Untracked {Guid.NewGuid():N}",
            steps = new[] { new { stepNo = 1, delayHours = 0, subject = "Plain", body = Body } },
            sendingWindow = OutreachApi.AnyTime,
            trackOpens = false,
            trackClicks = false,
        })).JsonAsync(HttpStatusCode.Created);
        Assert.False(created.GetProperty("trackOpens").GetBoolean());
        Assert.False(created.GetProperty("trackClicks").GetBoolean());
        var tracked = await user.NewTemplateAsync((0, "Tracked", Body));
        var (quiet, quietEmail) = await user.NewContactAsync(job.CompanyId);
        var (loud, loudEmail) = await user.NewContactAsync(job.CompanyId);

        await user.EnrollAsync(job.ApplicationId, quiet, created.Id());
        await user.EnrollAsync(job.ApplicationId, loud, tracked);

        var plain = Assert.Single(await OutreachApi.WaitForEmailsAsync(quietEmail, 1)).DecodedBody();
        Assert.DoesNotContain("/t/o/", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("/t/c/", plain, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portfolio.example.org/work\"", plain, StringComparison.Ordinal);
        Assert.Contains("/u/", plain, StringComparison.Ordinal);
        var usual = Assert.Single(await OutreachApi.WaitForEmailsAsync(loudEmail, 1)).DecodedBody();
        Assert.Contains($"{OutreachFixture.PublicBaseUrl}/t/o/", usual, StringComparison.Ordinal);
        Assert.Contains($"{OutreachFixture.PublicBaseUrl}/t/c/", usual, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://portfolio.example.org/work\"", usual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_without_a_timezone_is_written_to_in_the_users_timezone()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        await (await user.Client.PatchJsonAsync("/api/me", new { timezone = "Pacific/Kiritimati" })).JsonAsync(HttpStatusCode.OK);
        var job = await user.NewApplicationAsync();
        var (contactId, _) = await user.NewContactAsync(job.CompanyId);
        // Kiritimati is UTC+14: a window of 03:00-04:00 there opens at 13:00 UTC the day before.
        var template = await (await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = $"Kiritimati mornings {Guid.NewGuid():N}",
            steps = new[] { new { stepNo = 1, delayHours = 0, subject = "Hello", body = "Hi" } },
            sendingWindow = new { days = new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }, start = "03:00", end = "04:00" },
        })).JsonAsync(HttpStatusCode.Created);
        // The fixture's clock is Monday 2026-11-02, a little after 09:00 UTC (23:00 in Kiritimati); the window opens
        // Tuesday 03:00 there = Monday 13:00 UTC (in UTC it would open Tuesday 03:00 UTC).
        var opening = new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero);
        Assert.True(outreach.Clock.UtcNow < opening.AddHours(-1), $"the fixture's clock moved too far: {outreach.Clock.UtcNow:O}");

        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template.Id());

        var scheduled = await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(),
            seq => seq.GetProperty("steps")[0].GetProperty("scheduledAt").GetDateTimeOffset() == opening);
        Assert.Equal("scheduled", scheduled.StepStatuses()[0]);
    }
}
