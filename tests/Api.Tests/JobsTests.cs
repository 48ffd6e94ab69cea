using System.Net;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class JobsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Post_creates_a_job_with_its_keywords()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync("Acme");
        var posted = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        var response = await user.Client.PostJsonAsync("/api/jobs", new
        {
            source = "greenhouse",
            title = "Senior Backend Engineer",
            companyId = company.Id(),
            location = "Berlin",
            remote = true,
            jobType = "full_time",
            description = "C#, .NET and PostgreSQL on Kubernetes. Some React.",
            compMin = 80000,
            compMax = 100000,
            postedDate = posted,
        });
        var job = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/jobs/{job.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("Senior Backend Engineer", job.Str("title"));
        Assert.Equal(company.Id(), job.GetProperty("companyId").GetInt64());
        Assert.Equal("Acme", job.GetProperty("company").Str("name"));
        Assert.True(job.GetProperty("remote").GetBoolean());
        Assert.Equal(80000, job.GetProperty("compMin").GetInt32());
        Assert.Equal(posted, job.GetProperty("postedDate").GetDateTimeOffset());
        Assert.Equal([".net", "c#", "kubernetes", "postgresql", "react"], job.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_known_externalId_answers_200_with_the_existing_job()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var externalId = "gh-" + Guid.NewGuid();
        var first = await user.Client.NewJobAsync(company.Id(), title: "First", externalId: externalId);

        var again = await user.Client.PostJsonAsync("/api/jobs", new { externalId, source = "greenhouse", title = "Second", companyId = company.Id() });

        var existing = await again.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Id(), existing.Id());
        Assert.Equal("First", existing.Str("title"));
    }

    [Fact]
    public async Task A_job_keeps_its_links_and_visa_sponsorship_and_a_known_url_is_the_existing_job()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var url = $"https://jobs.example.com/{Guid.NewGuid():N}";

        var created = await (await user.Client.PostJsonAsync("/api/jobs", new
        {
            source = "manual", title = "Data Engineer", companyId = company.Id(), url, applyUrl = url + "/apply", requiresVisaSponsorship = true,
        })).JsonAsync(HttpStatusCode.Created);
        var again = await (await user.Client.PostJsonAsync("/api/jobs", new
        {
            source = "manual", title = "Data Engineer (copy)", companyId = company.Id(), url = url.ToUpperInvariant() + "/#apply",
        })).JsonAsync(HttpStatusCode.OK);
        var plain = await user.Client.NewJobAsync(company.Id());

        Assert.Equal(url, created.Str("url"));
        Assert.Equal(url + "/apply", created.Str("applyUrl"));
        Assert.True(created.GetProperty("requiresVisaSponsorship").GetBoolean());
        Assert.Equal(created.Id(), again.Id());
        Assert.Equal("Data Engineer", again.Str("title"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("url").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("requiresVisaSponsorship").ValueKind);
    }

    [Theory]
    [InlineData("url", "jobs.example.com/1")]
    [InlineData("url", "ftp://jobs.example.com/1")]
    [InlineData("applyUrl", "/apply")]
    [InlineData("applyUrl", "javascript:alert(1)")]
    public async Task A_link_that_is_not_an_absolute_http_url_is_400(string field, string value)
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var body = new Dictionary<string, object> { ["source"] = "manual", ["title"] = "Engineer", ["companyId"] = company.Id(), [field] = value };

        var response = await user.Client.PostJsonAsync("/api/jobs", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task CompMin_above_compMax_is_400()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();

        var response = await user.Client.PostJsonAsync("/api/jobs", new { source = "manual", title = "Engineer", companyId = company.Id(), compMin = 2, compMax = 1 });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "compMin");
    }

    [Theory]
    [InlineData("""{"source":"manual","companyId":1}""", "title")]
    [InlineData("""{"title":"Engineer","companyId":1}""", "source")]
    [InlineData("""{"source":"manual","title":"Engineer"}""", "companyId")]
    [InlineData("""{"source":"manual","title":"Engineer","companyId":"one"}""", "companyId")]
    [InlineData("""{"source":"manual","title":"Engineer","companyId":1,"remote":"yes"}""", "remote")]
    [InlineData("""{"source":"manual","title":"Engineer","companyId":1,"postedDate":"yesterday"}""", "postedDate")]
    [InlineData("""{"source":"manual","title":"Engineer","companyId":1,"compMax":-5}""", "compMax")]
    public async Task Invalid_jobs_are_400_naming_the_field(string json, string field)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/jobs", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_job_at_an_unknown_company_is_404()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostJsonAsync("/api/jobs", new { source = "manual", title = "Engineer", companyId = 999999999 });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_is_full_text_over_title_and_description_and_skips_expired_jobs()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var word = "zork" + Guid.NewGuid().ToString("N")[..6];
        var inTitle = await user.Client.NewJobAsync(company.Id(), title: $"{word} engineer", description: "Plain text.");
        var inText = await user.Client.NewJobAsync(company.Id(), title: "Engineer", description: $"You will maintain {word} pipelines.", remote: true, location: "Lisbon, Portugal");
        await user.Client.NewJobAsync(company.Id(), title: $"{word} expired", expiresAt: DateTimeOffset.UtcNow.AddDays(-1), postedDate: DateTimeOffset.UtcNow.AddDays(-30));
        await user.Client.NewJobAsync(company.Id(), title: "Unrelated", description: "Nothing to see.");

        var all = await (await user.Client.GetAsync($"/api/jobs?query={word}")).JsonAsync(HttpStatusCode.OK);
        var remote = await (await user.Client.GetAsync($"/api/jobs?query={word}&remote=true")).JsonAsync(HttpStatusCode.OK);
        var lisbon = await (await user.Client.GetAsync($"/api/jobs?query={word}&location=lisbon")).JsonAsync(HttpStatusCode.OK);
        var notPhrase = await (await user.Client.GetAsync($"/api/jobs?query={word} -pipelines")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, all.GetProperty("total").GetInt64());
        Assert.Equal(new[] { inTitle.Id(), inText.Id() }.Order(), all.Items().Select(j => j.Id()).Order());
        Assert.Equal([inText.Id()], remote.Items().Select(j => j.Id()).ToArray());
        Assert.Equal([inText.Id()], lisbon.Items().Select(j => j.Id()).ToArray());
        Assert.Equal([inTitle.Id()], notPhrase.Items().Select(j => j.Id()).ToArray());
    }

    [Fact]
    public async Task Search_pages_with_a_total()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var word = "quux" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            await user.Client.NewJobAsync(company.Id(), title: $"{word} {i}", postedDate: DateTimeOffset.UtcNow.AddDays(-i));
        }

        var second = await (await user.Client.GetAsync($"/api/jobs?query={word}&page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, second.GetProperty("total").GetInt64());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal([$"{word} 2"], second.Items().Select(j => j.Str("title")).ToArray());
    }

    [Fact]
    public async Task Remote_that_is_not_a_boolean_is_400()
    {
        var user = await api.NewUserAsync();

        await (await user.Client.GetAsync("/api/jobs?remote=maybe")).ProblemAsync(HttpStatusCode.BadRequest, "remote");
    }
}
