using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

public sealed class SequenceTemplatesTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    private static object Step(int stepNo, double delayHours, string? subject = "Hello {{first_name}}", string? body = "About {{role}}.") =>
        new { stepNo, delayHours, subject, body };

    private static async Task<JsonElement> CreateAsync(TestUser user, string? name = null)
    {
        var response = await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = name ?? $"Mine {Guid.NewGuid():N}",
            steps = new[] { Step(1, 0), Step(2, 24) },
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    private Task<long> CountOwnAsync(TestUser user) =>
        Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM sequence_templates WHERE user_id = $1", user.Id);

    [Fact]
    public async Task The_list_has_both_platform_templates()
    {
        var user = await outreach.NewUserAsync();

        var page = await (await user.Client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page.GetProperty("total").GetInt64());
        var seeker = page.Items().Single(t => t.Str("name") == "Job Seeker Default");
        var recruiter = page.Items().Single(t => t.Str("name") == "Recruiter Cold Intro");
        Assert.True(seeker.GetProperty("isPlatform").GetBoolean());
        Assert.True(recruiter.GetProperty("isPlatform").GetBoolean());
        Assert.Equal([0.0, 48.0, 96.0], seeker.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("delayHours").GetDouble()));
        Assert.Equal([1, 2, 3], seeker.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stepNo").GetInt32()));
        Assert.Equal("Quick advice on {{role}} at {{company}}?", seeker.GetProperty("steps")[0].Str("subject"));
        Assert.Equal(2, recruiter.GetProperty("steps").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, seeker.GetProperty("sendingWindow").ValueKind);
    }

    [Fact]
    public async Task Create_answers_201_with_the_steps_and_window()
    {
        var user = await outreach.NewUserAsync();

        var response = await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = "  Warm intro  ",
            description = "Two notes",
            steps = new[]
            {
                Step(1, 0, "Hi {{first_name}}", "Saw the {{role}} role. {{referrer}} suggested I write."),
                Step(2, 0.001, "Re: Hi {{first_name}}", "Following up."),
            },
            sendingWindow = new { days = new[] { "mon", "wed" }, start = "09:30", end = "17:00" },
        });

        var template = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/sequence-templates/{template.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("Warm intro", template.Str("name"));
        Assert.Equal("Two notes", template.Str("description"));
        Assert.False(template.GetProperty("isPlatform").GetBoolean());
        var steps = template.GetProperty("steps");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal(1, steps[0].GetProperty("stepNo").GetInt32());
        Assert.Equal(0, steps[0].GetProperty("delayHours").GetDouble());
        Assert.Equal("Hi {{first_name}}", steps[0].Str("subject"));
        Assert.Equal("Saw the {{role}} role. {{referrer}} suggested I write.", steps[0].Str("body"));
        Assert.Equal(2, steps[1].GetProperty("stepNo").GetInt32());
        Assert.Equal(0.001, steps[1].GetProperty("delayHours").GetDouble());
        var window = template.GetProperty("sendingWindow");
        Assert.Equal(["mon", "wed"], window.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("09:30", window.Str("start"));
        Assert.Equal("17:00", window.Str("end"));
        var listed = await (await user.Client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, listed.GetProperty("total").GetInt64());
        Assert.Contains(listed.Items(), t => t.Id() == template.Id() && t.Str("name") == "Warm intro");
    }

    public static TheoryData<string, string> InvalidTemplates => new()
    {
        { """{"steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}]}""", "name" },
        { """{"name":"t","steps":[]}""", "steps" },
        { """{"name":"t"}""", "steps" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"},{"stepNo":3,"delayHours":1,"subject":"s","body":"b"}]}""", "steps[1].stepNo" },
        { """{"name":"t","steps":[{"stepNo":2,"delayHours":0,"subject":"s","body":"b"}]}""", "steps[0].stepNo" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":-1,"subject":"s","body":"b"}]}""", "steps[0].delayHours" },
        { """{"name":"t","steps":[{"stepNo":1,"subject":"s","body":"b"}]}""", "steps[0].delayHours" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":"soon","subject":"s","body":"b"}]}""", "steps[0].delayHours" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"body":"b"}]}""", "steps[0].subject" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"  ","body":"b"}]}""", "steps[0].subject" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s"}]}""", "steps[0].body" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}],"sendingWindow":{"days":["mon","someday"],"start":"08:00","end":"18:00"}}""", "sendingWindow.days" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}],"sendingWindow":{"days":[],"start":"08:00","end":"18:00"}}""", "sendingWindow.days" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}],"sendingWindow":{"days":["mon"],"start":"8am","end":"18:00"}}""", "sendingWindow.start" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}],"sendingWindow":{"days":["mon"],"start":"08:00","end":"25:00"}}""", "sendingWindow.end" },
        { """{"name":"t","steps":[{"stepNo":1,"delayHours":0,"subject":"s","body":"b"}],"sendingWindow":{"days":["mon"],"start":"18:00","end":"08:00"}}""", "sendingWindow.end" },
    };

    [Theory]
    [MemberData(nameof(InvalidTemplates))]
    public async Task Invalid_templates_are_400_naming_the_field_and_store_nothing(string json, string field)
    {
        var user = await outreach.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/sequence-templates", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0L, await CountOwnAsync(user));
    }

    [Fact]
    public async Task Put_replaces_an_own_template_and_delete_removes_it()
    {
        var user = await outreach.NewUserAsync();
        var template = await CreateAsync(user);

        var updated = await (await user.Client.PutAsJsonAsync($"/api/sequence-templates/{template.Id()}", new
        {
            name = "Renamed",
            steps = new[] { Step(1, 2, "Only step", "Just one.") },
            sendingWindow = OutreachApi.AnyTime,
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(template.Id(), updated.Id());
        Assert.Equal("Renamed", updated.Str("name"));
        Assert.Equal(1, updated.GetProperty("steps").GetArrayLength());
        Assert.Equal("Only step", updated.GetProperty("steps")[0].Str("subject"));
        Assert.Equal(2, updated.GetProperty("steps")[0].GetProperty("delayHours").GetDouble());
        Assert.Equal("24:00", updated.GetProperty("sendingWindow").Str("end"));
        await (await user.Client.PutAsJsonAsync($"/api/sequence-templates/{template.Id()}", new { name = "x", steps = Array.Empty<object>() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "steps");
        Assert.Equal("Renamed", (string?)await Db.ScalarAsync(outreach.ConnectionString, "SELECT name FROM sequence_templates WHERE id = $1", template.Id()));

        var deleted = await user.Client.DeleteAsync($"/api/sequence-templates/{template.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await CountOwnAsync(user));
        await (await user.Client.DeleteAsync($"/api/sequence-templates/{template.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PutAsJsonAsync($"/api/sequence-templates/{template.Id()}", new { name = "x", steps = new[] { Step(1, 0) } }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Platform_templates_are_403_for_non_admins()
    {
        var user = await outreach.NewUserAsync();
        var platform = await user.PlatformTemplateIdAsync("Recruiter Cold Intro");

        var put = await user.Client.PutAsJsonAsync($"/api/sequence-templates/{platform}", new { name = "Hijacked", steps = new[] { Step(1, 0) } });
        var delete = await user.Client.DeleteAsync($"/api/sequence-templates/{platform}");

        await put.ProblemAsync(HttpStatusCode.Forbidden);
        await delete.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Recruiter Cold Intro", (string?)await Db.ScalarAsync(outreach.ConnectionString, "SELECT name FROM sequence_templates WHERE id = $1", platform));
    }

    [Fact]
    public async Task Admins_may_change_platform_templates_but_not_give_two_the_same_name()
    {
        var admin = await outreach.AdminAsync();
        var platform = (await (await admin.Client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK)).Items()
            .Single(t => t.Str("name") == "Recruiter Cold Intro");
        var same = new
        {
            name = platform.Str("name"),
            description = platform.Str("description"),
            steps = platform.GetProperty("steps"),
        };

        var rewritten = await (await admin.Client.PutAsJsonAsync($"/api/sequence-templates/{platform.Id()}", same)).JsonAsync(HttpStatusCode.OK);
        var clash = await admin.Client.PutAsJsonAsync($"/api/sequence-templates/{platform.Id()}", same with { name = "Job Seeker Default" });

        Assert.True(rewritten.GetProperty("isPlatform").GetBoolean());
        Assert.Equal(platform.GetProperty("steps").GetRawText(), rewritten.GetProperty("steps").GetRawText());
        await clash.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Recruiter Cold Intro", (string?)await Db.ScalarAsync(outreach.ConnectionString, "SELECT name FROM sequence_templates WHERE id = $1", platform.Id()));
    }

    [Fact]
    public async Task Another_users_template_is_404_and_not_listed()
    {
        var owner = await outreach.NewUserAsync();
        var other = await outreach.NewUserAsync();
        var template = await CreateAsync(owner, "Owner's secret template");

        var put = await other.Client.PutAsJsonAsync($"/api/sequence-templates/{template.Id()}", new { name = "Mine now", steps = new[] { Step(1, 0) } });
        var delete = await other.Client.DeleteAsync($"/api/sequence-templates/{template.Id()}");
        var list = await (await other.Client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK);

        var problem = await put.ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Owner's secret template", problem.GetRawText());
        await delete.ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(list.Items(), t => t.Id() == template.Id());
        Assert.Equal(2, list.GetProperty("total").GetInt64());
        Assert.Equal("Owner's secret template", (string?)await Db.ScalarAsync(outreach.ConnectionString, "SELECT name FROM sequence_templates WHERE id = $1", template.Id()));
    }

    [Fact]
    public async Task Get_answers_an_own_or_a_platform_template_and_404_for_another_users()
    {
        var owner = await outreach.NewUserAsync();
        var other = await outreach.NewUserAsync();
        var template = await CreateAsync(owner, "Owner's own template");
        var platform = (await (await other.Client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK)).Items().First();

        var own = await (await owner.Client.GetAsync($"/api/sequence-templates/{template.Id()}")).JsonAsync(HttpStatusCode.OK);
        var shared = await (await other.Client.GetAsync($"/api/sequence-templates/{platform.Id()}")).JsonAsync(HttpStatusCode.OK);
        var hidden = await other.Client.GetAsync($"/api/sequence-templates/{template.Id()}");

        Assert.Equal(template.GetRawText(), own.GetRawText());
        Assert.Equal(platform.GetRawText(), shared.GetRawText());
        Assert.DoesNotContain("Owner's own template", (await hidden.ProblemAsync(HttpStatusCode.NotFound)).GetRawText());
    }

    [Fact]
    public async Task Preview_renders_each_step_with_sample_values_or_for_an_application_and_contact()
    {
        var user = await outreach.NewUserAsync();
        var other = await outreach.NewUserAsync();
        var template = (await (await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = $"Preview {Guid.NewGuid():N}",
            steps = new[]
            {
                Step(1, 0, "{{role}} at {{company}}", "Hi {{first_name}}, {{my_name}} here. {{portfolio}}"),
                Step(2, 48, "", "Again, {{first_name}}."),
            },
        })).JsonAsync(HttpStatusCode.Created)).Id();
        var job = await user.NewApplicationAsync("Data Engineer");
        var (contact, _) = await user.NewContactAsync(job.CompanyId, fullName: "Grace Hopper");

        var sample = await (await user.Client.GetAsync($"/api/sequence-templates/{template}/preview")).JsonAsync(HttpStatusCode.OK);
        var real = await (await user.Client.GetAsync($"/api/sequence-templates/{template}/preview?applicationId={job.ApplicationId}&contactId={contact}"))
            .JsonAsync(HttpStatusCode.OK);

        var myName = (await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK)).Str("fullName");
        Assert.True(sample.GetProperty("sample").GetBoolean());
        Assert.Equal("Software Engineer at Acme", sample.GetProperty("steps")[0].Str("subject"));
        Assert.Equal($"Hi Jamie, {myName} here. {{{{portfolio}}}}", sample.GetProperty("steps")[0].Str("body"));
        Assert.Equal("Re: Software Engineer at Acme", sample.GetProperty("steps")[1].Str("subject"));
        Assert.Equal(["portfolio"], sample.GetProperty("missingVariables").EnumerateArray().Select(v => v.GetString()));
        Assert.False(real.GetProperty("sample").GetBoolean());
        Assert.Equal($"Data Engineer at {job.CompanyName}", real.GetProperty("steps")[0].Str("subject"));
        Assert.Equal("Again, Grace.", real.GetProperty("steps")[1].Str("body"));
        Assert.Equal(48, real.GetProperty("steps")[1].GetProperty("delayHours").GetDouble());

        await (await other.Client.GetAsync($"/api/sequence-templates/{template}/preview")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/sequence-templates/{template}/preview?applicationId={job.ApplicationId}&contactId={contact}"))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/sequence-templates/{template}/preview?applicationId={job.ApplicationId}")).ProblemAsync(HttpStatusCode.BadRequest, "contactId");
    }

    [Fact]
    public async Task The_list_pages_platform_templates_first_then_own_ones()
    {
        var user = await outreach.NewUserAsync();
        var mine = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await CreateAsync(user)).Id());
        }

        var second = await (await user.Client.GetAsync("/api/sequence-templates?page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var third = await (await user.Client.GetAsync("/api/sequence-templates?page=3&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var beyond = await (await user.Client.GetAsync("/api/sequence-templates?page=4&pageSize=2")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(2, second.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, second.GetProperty("total").GetInt64());
        Assert.Equal(mine[..2], second.Items().Select(t => t.Id()));
        Assert.Equal([mine[2]], third.Items().Select(t => t.Id()));
        Assert.Empty(beyond.Items());
        Assert.Equal(5, beyond.GetProperty("total").GetInt64());
        await (await user.Client.GetAsync("/api/sequence-templates?pageSize=0")).ProblemAsync(HttpStatusCode.BadRequest, "pageSize");
        await (await user.Client.GetAsync("/api/sequence-templates?pageSize=201")).ProblemAsync(HttpStatusCode.BadRequest, "pageSize");
        await (await user.Client.GetAsync("/api/sequence-templates?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Without_a_token_every_route_is_401()
    {
        var anonymous = outreach.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/sequence-templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/sequence-templates/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/sequence-templates", new { name = "x", steps = new[] { Step(1, 0) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/sequence-templates/1", new { name = "x", steps = new[] { Step(1, 0) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/sequence-templates/1")).StatusCode);
    }
}
