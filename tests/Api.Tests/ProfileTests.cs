using System.Net;
using System.Net.Http.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class ProfileTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Resume_is_404_before_the_first_put_then_answers_what_was_put()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);

        var put = await user.Client.PutAsJsonAsync("/api/me/resume", new
        {
            roles = new[] { new { title = "Engineer", company = "Initech", tenure = "2019-2023" } },
            keyMetrics = new object[] { "Cut p99 latency by 40%", new { metric = "uptime", value = "99.99%" } },
            accomplishments = new[] { "Shipped the billing rewrite" },
            skills = new[] { "C#", " PostgreSQL ", "c#" },
            rawText = "Engineer at Initech.",
        });
        var saved = await put.JsonAsync(HttpStatusCode.OK);
        var read = await (await user.Client.GetAsync("/api/me/resume")).JsonAsync(HttpStatusCode.OK);

        foreach (var resume in new[] { saved, read })
        {
            var role = Assert.Single(resume.GetProperty("roles").EnumerateArray());
            Assert.Equal("Engineer", role.Str("title"));
            Assert.Equal("Initech", role.Str("company"));
            Assert.Equal("2019-2023", role.Str("tenure"));
            Assert.Equal(2, resume.GetProperty("keyMetrics").GetArrayLength());
            Assert.Equal("Cut p99 latency by 40%", resume.GetProperty("keyMetrics")[0].GetString());
            Assert.Equal("99.99%", resume.GetProperty("keyMetrics")[1].Str("value"));
            Assert.Equal("Shipped the billing rewrite", resume.GetProperty("accomplishments")[0].GetString());
            Assert.Equal(["C#", "PostgreSQL"], resume.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToArray());
            Assert.Equal("Engineer at Initech.", resume.Str("rawText"));
        }
    }

    [Fact]
    public async Task A_second_resume_put_replaces_the_first()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "python" }, rawText = "one" })).JsonAsync(HttpStatusCode.OK);

        await (await user.Client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "rust" } })).JsonAsync(HttpStatusCode.OK);

        var read = await (await user.Client.GetAsync("/api/me/resume")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rust", Assert.Single(read.GetProperty("skills").EnumerateArray()).GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("rawText").ValueKind);
        Assert.Equal(0, read.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task A_resume_role_without_a_title_is_400_naming_the_field()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PutAsJsonAsync("/api/me/resume", new { roles = new[] { new { company = "Initech" } } });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "roles[0].title");
        await (await user.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Preferences_are_404_before_the_first_put_then_answer_what_was_put()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.GetAsync("/api/me/preferences")).ProblemAsync(HttpStatusCode.NotFound);

        var put = await user.Client.PutAsJsonAsync("/api/me/preferences", new
        {
            values = new[] { "autonomy" },
            roleTypes = new[] { "Backend" },
            locations = new[] { "Berlin", "Remote EU" },
            remoteOk = true,
            roleLevels = new[] { "senior" },
            companySizes = new[] { "51-200" },
            industries = new[] { "fintech" },
            skills = new[] { "go", "kubernetes" },
            hiddenCompanies = new[] { "WWW.Evil.com", "Initech" },
            minSalary = 90000,
            maxSalary = 120000,
        });
        await put.JsonAsync(HttpStatusCode.OK);

        var read = await (await user.Client.GetAsync("/api/me/preferences")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("autonomy", read.GetProperty("values")[0].GetString());
        Assert.Equal("Backend", read.GetProperty("roleTypes")[0].GetString());
        Assert.Equal(["Berlin", "Remote EU"], read.GetProperty("locations").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.True(read.GetProperty("remoteOk").GetBoolean());
        Assert.Equal("senior", read.GetProperty("roleLevels")[0].GetString());
        Assert.Equal("51-200", read.GetProperty("companySizes")[0].GetString());
        Assert.Equal("fintech", read.GetProperty("industries")[0].GetString());
        Assert.Equal(["go", "kubernetes"], read.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(["evil.com", "initech"], read.GetProperty("hiddenCompanies").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(90000, read.GetProperty("minSalary").GetInt32());
        Assert.Equal(120000, read.GetProperty("maxSalary").GetInt32());
    }

    [Fact]
    public async Task MinSalary_above_maxSalary_is_400_and_changes_nothing()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PutAsJsonAsync("/api/me/preferences", new { minSalary = 130000, maxSalary = 120000 });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "minSalary");
        await (await user.Client.GetAsync("/api/me/preferences")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_salary_of_the_wrong_type_is_400_naming_the_field()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PutAsync("/api/me/preferences",
            new StringContent("""{"minSalary": "lots"}""", System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "minSalary");
    }

    [Fact]
    public async Task Each_user_sees_only_their_own_profile()
    {
        var ada = await api.NewUserAsync();
        var bob = await api.NewUserAsync();
        await (await ada.Client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "sql" } })).JsonAsync(HttpStatusCode.OK);

        await (await bob.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
