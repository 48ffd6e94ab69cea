using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Tests.Outreach;

public sealed class SequencesTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    /// <summary>A user with an application, a contact at its company and a two-step template whose first step waits an hour.</summary>
    private async Task<(TestUser User, TrackedJob Job, long ContactId, long TemplateId)> ArrangeAsync()
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, _) = await user.NewContactAsync(job.CompanyId);
        var template = await user.NewTemplateAsync((1, "Hi {{first_name}}", "About {{role}}."), (24, "Again", "Still {{role}}."));
        return (user, job, contactId, template);
    }

    private Task<long> CountSequencesAsync(TestUser user) =>
        Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM sequence_instances WHERE user_id = $1", user.Id);

    [Fact]
    public async Task Enroll_answers_201_with_the_step_schedule()
    {
        var (user, job, contactId, template) = await ArrangeAsync();
        var now = outreach.Clock.GetUtcNow();

        var response = await user.PostEnrollAsync(job.ApplicationId, contactId, template);

        var sequence = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/sequences/{sequence.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("active", sequence.Str("status"));
        var steps = sequence.GetProperty("steps");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal(1, steps[0].GetProperty("stepNo").GetInt32());
        Assert.Equal("scheduled", steps[0].Str("status"));
        Assert.Equal(now.AddHours(1), steps[0].GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal(2, steps[1].GetProperty("stepNo").GetInt32());
        Assert.Equal("scheduled", steps[1].Str("status"));
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("scheduledAt").ValueKind);

        var stored = await user.SequenceAsync(sequence.Id());
        Assert.Equal(sequence.Id(), stored.Id());
        Assert.Equal(job.ApplicationId, stored.GetProperty("applicationId").GetInt64());
        Assert.Equal(contactId, stored.GetProperty("contactId").GetInt64());
        Assert.Equal("active", stored.Str("status"));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("mailbox").ValueKind);
        var first = stored.GetProperty("steps")[0];
        Assert.Equal(now.AddHours(1), first.GetProperty("scheduledAt").GetDateTimeOffset());
        foreach (var field in new[] { "sentAt", "subject", "messageId", "error" })
        {
            Assert.Equal(JsonValueKind.Null, first.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task A_variable_nobody_supplies_is_400_naming_it()
    {
        var (user, job, contactId, _) = await ArrangeAsync();
        var template = await user.NewTemplateAsync((0, "Hi {{first_name}}", "{{referrer}} said the {{team}} team at {{company}} is hiring."));

        var response = await user.PostEnrollAsync(job.ApplicationId, contactId, template, new { team = "Platform" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["variables.referrer"], fields);
        Assert.Contains("referrer", problem.Str("detail"));
        Assert.Equal(0L, await CountSequencesAsync(user));
    }

    [Fact]
    public async Task A_variable_supplied_as_null_is_400_naming_it()
    {
        var (user, job, contactId, _) = await ArrangeAsync();
        var template = await user.NewTemplateAsync((0, "Hi {{first_name}}", "{{referrer}} sent me."));

        var response = await user.Client.PostRawAsync($"/api/applications/{job.ApplicationId}/sequences",
            $$$"""{"contactId":{{{contactId}}},"templateId":{{{template}}},"variables":{"referrer":null}}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "variables.referrer");
        Assert.Equal(0L, await CountSequencesAsync(user));
    }

    [Theory]
    [InlineData("""{"templateId":1}""", "contactId")]
    [InlineData("""{"contactId":1}""", "templateId")]
    [InlineData("""{"contactId":"x","templateId":1}""", "contactId")]
    [InlineData("""{"contactId":1,"templateId":1,"variables":["a"]}""", "variables")]
    public async Task Invalid_enrollments_are_400_naming_the_field(string json, string field)
    {
        var (user, job, _, _) = await ArrangeAsync();

        var response = await user.Client.PostRawAsync($"/api/applications/{job.ApplicationId}/sequences", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0L, await CountSequencesAsync(user));
    }

    [Fact]
    public async Task An_opted_out_contact_is_409()
    {
        var (user, job, contactId, template) = await ArrangeAsync();

        var optOut = await (await user.Client.PostAsync($"/api/contacts/{contactId}/opt-out", null)).JsonAsync(HttpStatusCode.OK);
        var response = await user.PostEnrollAsync(job.ApplicationId, contactId, template);

        Assert.Equal(contactId, optOut.GetProperty("contactId").GetInt64());
        Assert.True(optOut.GetProperty("optedOut").GetBoolean());
        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await CountSequencesAsync(user));
    }

    [Fact]
    public async Task The_same_contact_twice_in_one_application_is_409_until_the_first_sequence_ends()
    {
        var (user, job, contactId, template) = await ArrangeAsync();
        var first = await user.EnrollAsync(job.ApplicationId, contactId, template);

        var twice = await user.PostEnrollAsync(job.ApplicationId, contactId, await user.PlatformTemplateIdAsync("Job Seeker Default"));

        await twice.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await CountSequencesAsync(user));
        await (await user.Client.PostAsync($"/api/sequences/{first.Id()}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        var again = await user.EnrollAsync(job.ApplicationId, contactId, template);
        Assert.NotEqual(first.Id(), again.Id());
    }

    [Fact]
    public async Task Another_users_application_contact_or_template_is_404()
    {
        var (user, job, contactId, template) = await ArrangeAsync();
        var (_, otherJob, otherContact, otherTemplate) = await ArrangeAsync();

        await (await user.PostEnrollAsync(otherJob.ApplicationId, contactId, template)).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.PostEnrollAsync(job.ApplicationId, otherContact, template)).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.PostEnrollAsync(job.ApplicationId, contactId, otherTemplate)).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.PostEnrollAsync(long.MaxValue, contactId, template)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await CountSequencesAsync(user));
    }

    [Fact]
    public async Task Another_users_sequence_is_404_everywhere_and_unchanged()
    {
        var (owner, job, contactId, template) = await ArrangeAsync();
        var sequence = await owner.EnrollAsync(job.ApplicationId, contactId, template);
        var other = await outreach.NewUserAsync();

        var get = await other.Client.GetAsync($"/api/sequences/{sequence.Id()}");
        var pause = await other.Client.PostAsync($"/api/sequences/{sequence.Id()}/pause", null);
        var resume = await other.Client.PostAsync($"/api/sequences/{sequence.Id()}/resume", null);
        var cancel = await other.Client.PostAsync($"/api/sequences/{sequence.Id()}/cancel", null);
        var optOut = await other.Client.PostAsync($"/api/contacts/{contactId}/opt-out", null);

        foreach (var response in new[] { get, pause, resume, cancel, optOut })
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        var stored = await owner.SequenceAsync(sequence.Id());
        Assert.Equal("active", stored.Str("status"));
        Assert.Equal(["scheduled", "scheduled"], stored.StepStatuses());
        Assert.False((await (await owner.Client.GetAsync($"/api/contacts/{contactId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("optedOut").GetBoolean());
        await (await owner.Client.GetAsync($"/api/sequences/{long.MaxValue}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pause_resume_and_cancel_change_the_status()
    {
        var (user, job, contactId, template) = await ArrangeAsync();
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var dueAt = sequence.GetProperty("steps")[0].GetProperty("scheduledAt").GetDateTimeOffset();

        var paused = await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/pause", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("paused", paused.Str("status"));
        Assert.Equal("paused", (await user.SequenceAsync(sequence.Id())).Str("status"));
        Assert.Equal("paused", (await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/pause", null)).JsonAsync(HttpStatusCode.OK)).Str("status"));

        var resumed = await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/resume", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", resumed.Str("status"));
        Assert.Equal(["scheduled", "scheduled"], resumed.StepStatuses());
        Assert.Equal(dueAt, resumed.GetProperty("steps")[0].GetProperty("scheduledAt").GetDateTimeOffset());

        var canceled = await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal(["canceled", "canceled"], canceled.StepStatuses());
        Assert.Equal("canceled", (await user.SequenceAsync(sequence.Id())).Str("status"));
        var afterCancel = await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/resume", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("canceled", afterCancel.Str("status"));
    }

    [Fact]
    public async Task Cancel_after_the_first_email_cancels_the_remaining_steps()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync("Site Reliability Engineer");
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        var template = await user.NewTemplateAsync((0, "Hi {{first_name}}", "One"), (24, "Two", "Two"), (24, "Three", "Three"));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));

        var canceled = await (await user.Client.PostAsync($"/api/sequences/{sequence.Id()}/cancel", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Hi Alex", email.Header("Subject"));
        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal(["sent", "canceled", "canceled"], canceled.StepStatuses());
        Assert.Equal(email.Header("Message-ID").Trim('<', '>'), canceled.GetProperty("steps")[0].Str("messageId"));
        Assert.Equal(0L, await Db.CountAsync(outreach.ConnectionString,
            "SELECT count(*) FROM orleansreminderstable WHERE grainid = $1",
            outreach.GrainIdOf<ISequenceGrain>(sequence.Id())));
    }

    [Fact]
    public async Task A_later_step_leaves_when_the_clock_reaches_its_delay()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync("Mobile Engineer");
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        // 0.01 h = 36 s after step 1 left.
        var template = await user.NewTemplateAsync((0, "Step one for {{first_name}}", "One"), (0.01, "Step two for {{first_name}}", "Two"));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(), s => s.StepStatuses()[0] == "sent"
            && s.GetProperty("steps")[1].GetProperty("scheduledAt") is { ValueKind: JsonValueKind.String } second
            && second.GetDateTimeOffset() == s.GetProperty("steps")[0].GetProperty("sentAt").GetDateTimeOffset().AddSeconds(36));

        await outreach.Clock.AdvanceAsync(TimeSpan.FromSeconds(36));

        var messages = await OutreachApi.WaitForEmailsAsync(recipient, 2);
        Assert.Equal(["Step one for Alex", "Step two for Alex"], messages.Select(m => m.Header("Subject")));
        var done = await user.SequenceAsync(sequence.Id());
        Assert.Equal(["sent", "sent"], done.StepStatuses());
        var steps = done.GetProperty("steps");
        Assert.Equal(TimeSpan.FromSeconds(36), steps[1].GetProperty("sentAt").GetDateTimeOffset() - steps[0].GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(messages.Select(m => m.Header("Message-ID").Trim('<', '>')), steps.EnumerateArray().Select(s => s.Str("messageId")));
        Assert.Equal("completed", done.Str("status"));
    }

    [Fact]
    public async Task Opt_out_stops_every_active_sequence_to_the_contact()
    {
        var (user, job, contactId, template) = await ArrangeAsync();
        var second = await user.NewApplicationAsync("Staff Engineer");
        var one = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var two = await user.EnrollAsync(second.ApplicationId, contactId, template);

        await (await user.Client.PostAsync($"/api/contacts/{contactId}/opt-out", null)).JsonAsync(HttpStatusCode.OK);

        foreach (var id in new[] { one.Id(), two.Id() })
        {
            var sequence = await user.SequenceAsync(id);
            Assert.Equal("stopped_optout", sequence.Str("status"));
            Assert.Equal(["canceled", "canceled"], sequence.StepStatuses());
        }

        Assert.True((await (await user.Client.GetAsync($"/api/contacts/{contactId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("optedOut").GetBoolean());
        await (await user.Client.PostAsync($"/api/contacts/{long.MaxValue}/opt-out", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_token_every_route_is_401()
    {
        var anonymous = outreach.Anonymous();

        var responses = new[]
        {
            await anonymous.PostJsonAsync("/api/applications/1/sequences", new { contactId = 1, templateId = 1 }),
            await anonymous.GetAsync("/api/sequences/1"),
            await anonymous.PostAsync("/api/sequences/1/pause", null),
            await anonymous.PostAsync("/api/sequences/1/resume", null),
            await anonymous.PostAsync("/api/sequences/1/cancel", null),
            await anonymous.PostAsync("/api/contacts/1/opt-out", null),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }
}
