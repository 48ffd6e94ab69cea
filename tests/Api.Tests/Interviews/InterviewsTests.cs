using System.Net;
using RoleFerry.Api.Tests.Outreach;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Interviews;

/// <summary>Interviews: <c>/api/applications/{id}/interviews</c> and <c>/api/interviews/{id}</c>.</summary>
public sealed class InterviewsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset When = new(2030, 3, 4, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Scheduling_an_interview_answers_201_and_moves_a_saved_application_to_interviewing()
    {
        var user = await api.NewUserAsync();
        var job = await user.NewApplicationAsync();

        var created = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews",
            new { scheduledAt = "2030-03-04T16:30:00+02:00", kind = "video", interviewer = "Grace", location = "https://meet.test/x", notes = "Bring the portfolio" }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.True(created.Id() > 0);
        Assert.Equal(job.ApplicationId, created.GetProperty("applicationId").GetInt64());
        Assert.Equal(When, created.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal("video", created.Str("kind"));
        Assert.Equal("Grace", created.Str("interviewer"));
        Assert.Equal("https://meet.test/x", created.Str("location"));
        Assert.Equal("Bring the portfolio", created.Str("notes"));
        Assert.Equal("pending", created.Str("outcome"));
        var application = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("interviewing", application.Str("status"));
        var history = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/history")).JsonAsync(HttpStatusCode.OK);
        var move = history.Items().Last();
        Assert.Equal("saved", move.Str("fromStatus"));
        Assert.Equal("interviewing", move.Str("toStatus"));
        Assert.Equal("system", move.Str("cause"));
    }

    [Fact]
    public async Task An_application_past_interviewing_keeps_its_status()
    {
        var user = await api.NewUserAsync();
        var job = await user.NewApplicationAsync();
        await (await user.Client.PatchJsonAsync($"/api/applications/{job.ApplicationId}", new { status = "offer" })).JsonAsync(HttpStatusCode.OK);

        await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When, kind = "onsite" }))
            .JsonAsync(HttpStatusCode.Created);

        var application = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("offer", application.Str("status"));
    }

    [Fact]
    public async Task List_update_and_delete()
    {
        var user = await api.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var later = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When.AddDays(2), kind = "onsite" }))
            .JsonAsync(HttpStatusCode.Created);
        var first = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When, kind = "phone", interviewer = "Ann" }))
            .JsonAsync(HttpStatusCode.Created);

        var list = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/interviews")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([first.Id(), later.Id()], list.Items().Select(i => i.Id()));
        Assert.Equal(2, list.GetProperty("total").GetInt64());

        var updated = await (await user.Client.PatchJsonAsync($"/api/interviews/{first.Id()}",
            new { scheduledAt = When.AddHours(1), kind = "video", outcome = "passed", interviewer = "" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(When.AddHours(1), updated.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal("video", updated.Str("kind"));
        Assert.Equal("passed", updated.Str("outcome"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, updated.GetProperty("interviewer").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/interviews/{first.Id()}")).StatusCode);
        var after = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/interviews")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([later.Id()], after.Items().Select(i => i.Id()));
        await (await user.Client.DeleteAsync($"/api/interviews/{first.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_application_or_interview_is_404()
    {
        var owner = await api.NewUserAsync();
        var job = await owner.NewApplicationAsync();
        var interview = await (await owner.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When, kind = "phone" }))
            .JsonAsync(HttpStatusCode.Created);
        var stranger = await api.NewUserAsync();

        await (await stranger.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When, kind = "phone" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/applications/{job.ApplicationId}/interviews")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchJsonAsync($"/api/interviews/{interview.Id()}", new { outcome = "failed" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync($"/api/interviews/{interview.Id()}")).ProblemAsync(HttpStatusCode.NotFound);

        var unchanged = await (await owner.Client.GetAsync($"/api/applications/{job.ApplicationId}/interviews")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("pending", Assert.Single(unchanged.Items()).Str("outcome"));
    }

    [Theory]
    [InlineData("""{"kind":"phone"}""", "scheduledAt")]
    [InlineData("""{"scheduledAt":"next tuesday","kind":"phone"}""", "scheduledAt")]
    [InlineData("""{"scheduledAt":"2030-03-04T14:30:00Z"}""", "kind")]
    [InlineData("""{"scheduledAt":"2030-03-04T14:30:00Z","kind":"carrier_pigeon"}""", "kind")]
    [InlineData("""{"scheduledAt":"2030-03-04T14:30:00Z","kind":"phone","interviewer":7}""", "interviewer")]
    public async Task Bad_interviews_are_400_naming_the_field_and_store_nothing(string json, string field)
    {
        var user = await api.NewUserAsync();
        var job = await user.NewApplicationAsync();

        var response = await user.Client.PostRawAsync($"/api/applications/{job.ApplicationId}/interviews", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        var list = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}/interviews")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(list.Items());
    }

    [Theory]
    [InlineData("""{"outcome":"won"}""", "outcome")]
    [InlineData("""{"kind":"smoke_signal"}""", "kind")]
    [InlineData("""{"scheduledAt":"soon"}""", "scheduledAt")]
    public async Task Bad_updates_are_400_naming_the_field(string json, string field)
    {
        var user = await api.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var interview = await (await user.Client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews", new { scheduledAt = When, kind = "phone" }))
            .JsonAsync(HttpStatusCode.Created);

        var response = await user.Client.PatchAsync($"/api/interviews/{interview.Id()}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
