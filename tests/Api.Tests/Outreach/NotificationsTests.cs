using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// Notifications, each from its real cause: a reply and a bounce (webhook), a sequence that sent its last step, an
/// interview 24 hours away (the user grain's reminder, on the fixture's fake clock), a mailbox that paused itself
/// (admins); listing, unread filter, mark read and mark all read.
/// </summary>
public sealed class NotificationsTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    [Fact]
    public async Task A_reply_and_a_completed_sequence_notify_the_user_who_marks_them_read()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId, fullName: "Robin Replier");
        var (otherId, otherEmail) = await user.NewContactAsync(job.CompanyId, fullName: "Quinn Quiet");
        var template = await user.NewTemplateAsync((0, "Coffee?", "Hi {{first_name}}"));
        var replied = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var completed = await user.EnrollAsync(job.ApplicationId, otherId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await OutreachApi.WaitForEmailsAsync(otherEmail, 1);
        await user.WaitForSequenceAsync(outreach.Clock, completed.Id(), s => s.Str("status") == "completed");
        await user.WaitForSequenceAsync(outreach.Clock, replied.Id(), s => s.Str("status") == "completed");
        await (await user.Client.PostEventsAsync(OutreachApi.Event("reply", email.Header("Message-ID"), outreach.Clock.UtcNow))).JsonAsync(HttpStatusCode.OK);

        // The completion notifications were written with the sequences' rows (a trigger), the reply's with the event.
        var unread = await (await user.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, unread.GetProperty("total").GetInt64());

        var reply = unread.Items().Single(n => n.Str("kind") == "reply");
        Assert.Equal("Robin Replier replied", reply.Str("title"));
        Assert.Contains("Coffee?", reply.Str("body"), StringComparison.Ordinal);
        Assert.Equal($"/api/sequences/{replied.Id()}", reply.Str("link"));
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("readAt").ValueKind);
        Assert.True(reply.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.MinValue);
        var done = unread.Items().Where(n => n.Str("kind") == "sequence_completed").ToList();
        Assert.Equal(2, done.Count);
        Assert.Contains(done, n => n.Str("link") == $"/api/sequences/{completed.Id()}" && n.Str("title").Contains("Quinn Quiet", StringComparison.Ordinal));
        Assert.Equal(3, unread.GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync($"/api/notifications/{reply.Id()}/read", null)).StatusCode);
        var stillUnread = await (await user.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, stillUnread.GetProperty("total").GetInt64());
        var read = await (await user.Client.GetAsync("/api/notifications?unread=false")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([reply.Id()], read.Items().Select(n => n.Id()));
        Assert.NotEqual(JsonValueKind.Null, read.Items().Single().GetProperty("readAt").ValueKind);

        var stranger = await outreach.NewUserAsync();
        await (await stranger.Client.PostAsync($"/api/notifications/{done[0].Id()}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.Client.GetAsync("/api/notifications")).JsonAsync(HttpStatusCode.OK)).Items());

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync("/api/notifications/read-all", null)).StatusCode);
        var none = await (await user.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(none.Items());
        var all = await (await user.Client.GetAsync("/api/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        await (await user.Client.PostAsync("/api/notifications/999999999/read", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync("/api/notifications?unread=maybe")).ProblemAsync(HttpStatusCode.BadRequest, "unread");
    }

    [Fact]
    public async Task A_bounce_notifies_the_user_and_the_mailbox_that_paused_itself_notifies_every_admin()
    {
        var mailbox = await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId, fullName: "Bo Bounce");
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, await user.NewTemplateAsync((0, "Hi", "Hello"), (24, "Again", "Again")));
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        var sent = await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(), s => s.StepStatuses()[0] == "sent");
        var senderId = sent.GetProperty("mailbox").Id();
        var admin = await outreach.AdminAsync();

        await (await user.Client.PostEventsAsync(
            OutreachApi.Event("bounce", email.Header("Message-ID"), outreach.Clock.UtcNow, bounceType: "hard", reason: "550 5.1.1 no such user")))
            .JsonAsync(HttpStatusCode.OK);

        var mine = await (await user.Client.GetAsync("/api/notifications")).JsonAsync(HttpStatusCode.OK);
        var bounce = Assert.Single(mine.Items());
        Assert.Equal("bounce", bounce.Str("kind"));
        Assert.Equal("Your email to Bo Bounce bounced", bounce.Str("title"));
        Assert.Equal($"/api/contacts/{contactId}", bounce.Str("link"));
        var mailboxes = await (await admin.Client.GetAsync("/api/admin/mailboxes?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("paused", mailboxes.Items().Single(m => m.Id() == senderId).Str("status"));
        var adminView = await (await admin.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK);
        var paused = adminView.Items().Single(n => n.Str("link") == $"/api/admin/mailboxes/{senderId}/health-log");
        Assert.Equal("mailbox_paused", paused.Str("kind"));
        Assert.Contains("paused itself", paused.Str("title"), StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Items(), n => n.Str("kind") == "mailbox_paused");
        await (await user.Client.PostAsync($"/api/notifications/{paused.Id()}/read", null)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/notifications/{paused.Id()}/read", null)).StatusCode);
        var after = await (await admin.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(after.Items(), n => n.Id() == paused.Id());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync("/api/notifications/read-all", null)).StatusCode);
        Assert.Empty((await (await admin.Client.GetAsync("/api/notifications?unread=true")).JsonAsync(HttpStatusCode.OK)).Items());
        Assert.True(mailbox.Id() > 0);
    }

    [Fact]
    public async Task An_interview_is_announced_24_hours_ahead_by_the_user_grains_reminder()
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync("Staff Engineer");
        var now = outreach.Clock.UtcNow;
        var scheduledAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(3).AddMinutes(30);
        var interview = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews",
            new { scheduledAt, kind = "video", interviewer = "Dana" })).JsonAsync(HttpStatusCode.Created);
        Assert.Empty(await InterviewNotificationsAsync(user));

        await outreach.Clock.AdvanceToAsync(scheduledAt.AddDays(-1).AddSeconds(-1));
        Assert.Empty(await InterviewNotificationsAsync(user));

        await outreach.Clock.AdvanceToAsync(scheduledAt.AddDays(-1));
        var soon = Assert.Single(await InterviewNotificationsAsync(user));
        Assert.Equal($"Interview within 24 hours: Staff Engineer at {job.CompanyName}", soon.Str("title"));
        Assert.Contains("Video interview", soon.Str("body"), StringComparison.Ordinal);
        Assert.Contains("with Dana", soon.Str("body"), StringComparison.Ordinal);
        Assert.Equal($"/api/applications/{job.ApplicationId}/interviews", soon.Str("link"));
        Assert.Equal(scheduledAt.AddDays(-1), soon.GetProperty("createdAt").GetDateTimeOffset());

        // Moved two days later: announced again 24 hours before the new time; one created 5 hours ahead: at once.
        var later = scheduledAt.AddDays(2);
        await (await user.Client.PatchJsonAsync($"/api/interviews/{interview.Id()}", new { scheduledAt = later })).JsonAsync(HttpStatusCode.OK);
        await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews",
            new { scheduledAt = outreach.Clock.UtcNow.AddHours(5), kind = "phone" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await InterviewNotificationsAsync(user)).Count);
        await outreach.Clock.AdvanceToAsync(later.AddDays(-1));
        Assert.Equal(3, (await InterviewNotificationsAsync(user)).Count);
    }

    [Fact]
    public async Task A_canceled_or_deleted_interview_is_not_announced()
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var scheduledAt = outreach.Clock.UtcNow.AddDays(2);
        var canceled = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt, kind = "phone" }))
            .JsonAsync(HttpStatusCode.Created);
        var deleted = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt, kind = "onsite" }))
            .JsonAsync(HttpStatusCode.Created);

        await (await user.Client.PatchJsonAsync($"/api/interviews/{canceled.Id()}", new { outcome = "canceled" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/interviews/{deleted.Id()}")).StatusCode);
        await outreach.Clock.AdvanceToAsync(scheduledAt.AddHours(-1));

        Assert.Empty(await InterviewNotificationsAsync(user));
    }

    private static async Task<List<JsonElement>> InterviewNotificationsAsync(TestUser user)
    {
        var page = await (await user.Client.GetAsync("/api/notifications?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        return page.Items().Where(n => n.Str("kind") == "interview_soon").ToList();
    }
}
