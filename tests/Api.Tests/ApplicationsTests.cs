using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class ApplicationsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private string ConnectionString => api.Factory.ConnectionString;

    private static async Task<(JsonElement Company, JsonElement Job)> NewJobAsync(TestUser user, string title = "Engineer", string? location = "Berlin")
    {
        var company = await user.Client.NewCompanyAsync("Acme " + Guid.NewGuid().ToString("N")[..6]);
        var job = await user.Client.NewJobAsync(company.Id(), title, "No named skills.", location, postedDate: DateTimeOffset.UtcNow);
        return (company, job);
    }

    private static async Task<JsonElement> NewApplicationAsync(TestUser user, long jobId, object? extra = null)
    {
        var response = await user.Client.PostJsonAsync("/api/applications", extra ?? new { jobId });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_tracks_a_job_with_its_match_score()
    {
        var user = await api.NewUserAsync();
        var (company, job) = await NewJobAsync(user, "Platform Engineer", "Lisbon");

        var response = await user.Client.PostJsonAsync("/api/applications", new { jobId = job.Id(), notes = "Referral from Sam" });
        var application = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/applications/{application.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal(job.Id(), application.GetProperty("jobId").GetInt64());
        Assert.Equal("saved", application.Str("status"));
        Assert.Equal(75, application.GetProperty("matchScore").GetInt32());
        Assert.Equal(JsonValueKind.Null, application.GetProperty("appliedAt").ValueKind);
        Assert.True(application.GetProperty("lastActionAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal("none", application.Str("replyStatus"));
        Assert.Equal("Referral from Sam", application.Str("notes"));
        Assert.Equal("Platform Engineer", application.GetProperty("job").Str("title"));
        Assert.Equal("Lisbon", application.GetProperty("job").Str("location"));
        Assert.Equal(company.Str("name"), application.GetProperty("company").Str("name"));
    }

    [Fact]
    public async Task Match_score_comes_from_the_resume_and_preferences_at_creation()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "kafka" } })).JsonAsync(HttpStatusCode.OK);
        var company = await user.Client.NewCompanyAsync();
        var job = await user.Client.NewJobAsync(company.Id(), "Engineer", "Kafka and Spark.", postedDate: DateTimeOffset.UtcNow);

        var application = await NewApplicationAsync(user, job.Id());

        // skills 50 × 1/2 + 15 + 15 + 10 + 10
        Assert.Equal(75, application.GetProperty("matchScore").GetInt32());
        await (await user.Client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "kafka", "spark" } })).JsonAsync(HttpStatusCode.OK);
        var later = await (await user.Client.GetAsync($"/api/applications/{application.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(75, later.GetProperty("matchScore").GetInt32());
    }

    [Fact]
    public async Task Creating_as_applied_stamps_appliedAt()
    {
        var user = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(user);

        var application = await NewApplicationAsync(user, job.Id(), new { jobId = job.Id(), status = "applied" });

        Assert.Equal("applied", application.Str("status"));
        Assert.Equal(application.GetProperty("lastActionAt").GetDateTimeOffset(), application.GetProperty("appliedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_same_job_twice_is_409_and_allowed_again_after_a_delete()
    {
        var user = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(user);
        var first = await NewApplicationAsync(user, job.Id());

        await (await user.Client.PostJsonAsync("/api/applications", new { jobId = job.Id() })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/applications/{first.Id()}")).StatusCode);
        var again = await NewApplicationAsync(user, job.Id());

        Assert.NotEqual(first.Id(), again.Id());
    }

    [Fact]
    public async Task Two_users_may_track_the_same_job()
    {
        var ada = await api.NewUserAsync();
        var bob = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(ada);

        await NewApplicationAsync(ada, job.Id());
        await NewApplicationAsync(bob, job.Id());
    }

    [Theory]
    [InlineData("""{"status":"saved"}""", "jobId")]
    [InlineData("""{"jobId":0}""", "jobId")]
    [InlineData("""{"jobId":"abc"}""", "jobId")]
    [InlineData("""{"jobId":1,"status":"ghosted"}""", "status")]
    [InlineData("""{"jobId":1,"notes":42}""", "notes")]
    public async Task Invalid_applications_are_400_naming_the_field(string json, string field)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/applications", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0L, await Db.ScalarAsync(ConnectionString, "SELECT count(*) FROM applications WHERE user_id = $1", user.Id));
    }

    [Fact]
    public async Task An_unknown_job_is_404()
    {
        var user = await api.NewUserAsync();

        await (await user.Client.PostJsonAsync("/api/applications", new { jobId = 999999999 })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_changes_status_and_notes_and_history_records_every_change()
    {
        var user = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(user);
        var application = await NewApplicationAsync(user, job.Id());
        var url = $"/api/applications/{application.Id()}";

        var applied = await (await user.Client.PatchJsonAsync(url, new { status = "applied" })).JsonAsync(HttpStatusCode.OK);
        var noted = await (await user.Client.PatchJsonAsync(url, new { notes = "Called the recruiter" })).JsonAsync(HttpStatusCode.OK);
        var interviewing = await (await user.Client.PatchJsonAsync(url, new { status = "interviewing", notes = "" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("applied", applied.Str("status"));
        Assert.Equal(applied.GetProperty("lastActionAt").GetDateTimeOffset(), applied.GetProperty("appliedAt").GetDateTimeOffset());
        Assert.Equal("applied", noted.Str("status"));
        Assert.Equal("Called the recruiter", noted.Str("notes"));
        Assert.True(noted.GetProperty("lastActionAt").GetDateTimeOffset() > applied.GetProperty("lastActionAt").GetDateTimeOffset());
        Assert.Equal("interviewing", interviewing.Str("status"));
        Assert.Equal(JsonValueKind.Null, interviewing.GetProperty("notes").ValueKind);
        Assert.Equal(applied.GetProperty("appliedAt").GetDateTimeOffset(), interviewing.GetProperty("appliedAt").GetDateTimeOffset());

        // A change made by the system (e.g. a reply) is listed with its cause.
        await Db.ScalarAsync(ConnectionString,
            "INSERT INTO application_status_history (application_id, from_status, to_status, cause, changed_at) VALUES ($1, 'interviewing', 'offer', 'system', now() + interval '1 minute')",
            application.Id());
        var history = await (await user.Client.GetAsync($"{url}/history")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(4, history.GetProperty("total").GetInt64());
        var changes = history.Items().ToArray();
        Assert.Equal(["(null)", "saved", "applied", "interviewing"], changes.Select(c => c.GetProperty("fromStatus").GetString() ?? "(null)").ToArray());
        Assert.Equal(["saved", "applied", "interviewing", "offer"], changes.Select(c => c.Str("toStatus")).ToArray());
        Assert.Equal(["user", "user", "user", "system"], changes.Select(c => c.Str("cause")).ToArray());
        Assert.Equal(application.GetProperty("lastActionAt").GetDateTimeOffset(), changes[0].GetProperty("changedAt").GetDateTimeOffset());
        Assert.Equal(interviewing.GetProperty("lastActionAt").GetDateTimeOffset(), changes[2].GetProperty("changedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Patch_with_an_invalid_status_is_400_and_changes_nothing()
    {
        var user = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(user);
        var application = await NewApplicationAsync(user, job.Id());

        var response = await user.Client.PatchJsonAsync($"/api/applications/{application.Id()}", new { status = "hired", notes = "x" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "status");
        var read = await (await user.Client.GetAsync($"/api/applications/{application.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("saved", read.Str("status"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("notes").ValueKind);
    }

    [Fact]
    public async Task Another_users_application_is_404_everywhere_and_left_untouched()
    {
        var owner = await api.NewUserAsync();
        var other = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(owner);
        var application = await NewApplicationAsync(owner, job.Id());
        var url = $"/api/applications/{application.Id()}";

        await (await other.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PatchJsonAsync(url, new { status = "rejected" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"{url}/history")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, (await (await other.Client.GetAsync("/api/applications")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64());

        var mine = await (await owner.Client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("saved", mine.Str("status"));
    }

    [Fact]
    public async Task The_tracker_lists_rows_by_last_action_with_outreach_counts_in_pages()
    {
        var user = await api.NewUserAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var (_, job) = await NewJobAsync(user, $"Job {i}");
            ids.Add((await NewApplicationAsync(user, job.Id())).Id());
        }

        // The oldest one moves to the top when the user acts on it.
        await (await user.Client.PatchJsonAsync($"/api/applications/{ids[0]}", new { status = "applied" })).JsonAsync(HttpStatusCode.OK);
        var contact = await NewContactAsync(user, ids[0]);
        var sequence = await NewSequenceAsync(ids[0], user.Id, contact, "completed", 6);
        var statuses = new[] { "sent", "delivered", "replied", "bounced", "scheduled", "failed" };
        for (var step = 1; step <= statuses.Length; step++)
        {
            await NewOutreachAsync(sequence, user.Id, ids[0], contact, step, statuses[step - 1]);
        }

        var first = await (await user.Client.GetAsync("/api/applications?page=1&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await user.Client.GetAsync("/api/applications?page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var applied = await (await user.Client.GetAsync("/api/applications?status=applied")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal([ids[0], ids[2]], first.Items().Select(a => a.Id()).ToArray());
        Assert.Equal([ids[1]], second.Items().Select(a => a.Id()).ToArray());
        var top = first.Items().First();
        Assert.Equal(4, top.GetProperty("outreachSent").GetInt64());
        Assert.Equal(1, top.GetProperty("outreachReplied").GetInt64());
        Assert.Equal("Job 0", top.GetProperty("job").Str("title"));
        Assert.StartsWith("Acme ", top.GetProperty("company").Str("name"));
        Assert.Equal(0, first.Items().Last().GetProperty("outreachSent").GetInt64());
        Assert.Equal([ids[0]], applied.Items().Select(a => a.Id()).ToArray());
    }

    [Fact]
    public async Task Status_counts_give_every_status_in_the_trackers_order_for_the_callers_live_applications_only()
    {
        var user = await api.NewUserAsync();
        var other = await api.NewUserAsync();
        var ids = new List<long>();
        foreach (var status in new[] { "applied", "applied", "offer", "saved" })
        {
            var (_, job) = await NewJobAsync(user, $"Job {status}");
            ids.Add((await NewApplicationAsync(user, job.Id(), new { jobId = job.Id(), status })).Id());
        }

        var (_, elsewhere) = await NewJobAsync(other);
        await NewApplicationAsync(other, elsewhere.Id(), new { jobId = elsewhere.Id(), status = "rejected" });
        await user.Client.DeleteAsync($"/api/applications/{ids[3]}");

        var counts = await (await user.Client.GetAsync("/api/applications/status-counts")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(
            [("saved", 0L), ("applied", 2L), ("interviewing", 0L), ("offer", 1L), ("rejected", 0L)],
            counts.GetProperty("counts").EnumerateArray().Select(c => (c.Str("status"), c.GetProperty("count").GetInt64())).ToArray());
        Assert.Equal(3, counts.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Delete_cancels_scheduled_outreach_and_live_sequences_then_hides_the_application()
    {
        var user = await api.NewUserAsync();
        var (_, job) = await NewJobAsync(user);
        var application = (await NewApplicationAsync(user, job.Id())).Id();
        var contact = await NewContactAsync(user, application);
        var active = await NewSequenceAsync(application, user.Id, contact, "active", 3);
        await NewOutreachAsync(active, user.Id, application, contact, 1, "sent");
        await NewOutreachAsync(active, user.Id, application, contact, 2, "scheduled");
        await NewOutreachAsync(active, user.Id, application, contact, 3, "scheduled");
        var done = await NewSequenceAsync(application, user.Id, await NewContactAsync(user, application), "completed", 1);

        var response = await user.Client.DeleteAsync($"/api/applications/{application}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["canceled|2|the application was deleted"],
            await Db.ColumnAsync(ConnectionString, "SELECT status || '|' || version || '|' || stop_reason FROM sequence_instances WHERE id = $1", active));
        Assert.Equal(["completed"], await Db.ColumnAsync(ConnectionString, "SELECT status FROM sequence_instances WHERE id = $1", done));
        Assert.Equal(["sent", "canceled", "canceled"],
            await Db.ColumnAsync(ConnectionString, "SELECT status FROM outreach WHERE sequence_instance_id = $1 ORDER BY step_no", active));
        Assert.Equal(1L, await Db.ScalarAsync(ConnectionString, "SELECT count(*) FROM applications WHERE id = $1 AND deleted_at IS NOT NULL", application));
        await (await user.Client.GetAsync($"/api/applications/{application}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/applications/{application}/history")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PatchJsonAsync($"/api/applications/{application}", new { status = "applied" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.DeleteAsync($"/api/applications/{application}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, (await (await user.Client.GetAsync("/api/applications")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64());
    }

    private async Task<long> NewContactAsync(TestUser user, long applicationId)
    {
        var companyId = (long)(await Db.ScalarAsync(ConnectionString,
            "SELECT j.company_id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.id = $1", applicationId))!;
        var response = await user.Client.PostJsonAsync("/api/contacts",
            new { companyId, fullName = "Sam Recruiter", email = $"sam{Guid.NewGuid():N}@example.com", source = "manual" });
        return (await response.JsonAsync(HttpStatusCode.Created)).Id();
    }

    private async Task<long> NewSequenceAsync(long applicationId, long userId, long contactId, string status, int steps) =>
        (long)(await Db.ScalarAsync(ConnectionString,
            """
            INSERT INTO sequence_instances (user_id, application_id, contact_id, template_snapshot, status, total_steps)
            VALUES ($1, $2, $3, '{}', $4, $5) RETURNING id
            """,
            userId, applicationId, contactId, status, steps))!;

    private async Task NewOutreachAsync(long sequenceId, long userId, long applicationId, long contactId, int step, string status) =>
        await Db.ScalarAsync(ConnectionString,
            """
            INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            sequenceId, userId, applicationId, contactId, step, status);
}
