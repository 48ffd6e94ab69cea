using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Documents;

/// <summary>
/// <c>POST /api/jobs/import</c>: saved pages (JSON-LD, else title and main text), pages fetched from a local career
/// site (the silo may fetch private addresses here), Greenhouse, Lever and CSV feeds; found-or-created, per-row failures.
/// </summary>
public sealed class JobImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    [Fact]
    public async Task A_saved_page_imports_its_json_ld_posting_once()
    {
        var user = await fixture.NewUserAsync();
        var domain = Catalog.NewDomain();
        var url = $"https://boards.greenhouse.io/acme/jobs/{Random.Shared.Next()}";
        var html = PostingSamples.JsonLdPage("Senior Platform Engineer", "Acme Payments", domain, url);

        var first = await (await user.Client.PostJsonAsync("/api/jobs/import", new { html })).JsonAsync(HttpStatusCode.OK);
        var again = await (await user.Client.PostJsonAsync("/api/jobs/import", new { html, url })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((1, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("existing").GetInt32()));
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("existing").GetInt32()));
        Assert.Empty(first.GetProperty("failed").EnumerateArray());
        var job = Assert.Single(first.GetProperty("jobs").EnumerateArray());
        Assert.Equal(job.Id(), again.GetProperty("jobs")[0].Id());
        Assert.Equal("Senior Platform Engineer", job.Str("title"));
        Assert.Equal("Acme Payments", job.GetProperty("company").Str("name"));
        Assert.Equal(domain, job.GetProperty("company").Str("domain"));
        Assert.Equal("Berlin, DE", job.Str("location"));
        Assert.Equal("full_time", job.Str("jobType"));
        Assert.Equal((70000, 90000), (job.GetProperty("compMin").GetInt32(), job.GetProperty("compMax").GetInt32()));
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 0, 0, 0, TimeSpan.Zero), job.GetProperty("postedDate").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2030, 6, 30, 23, 59, 59, TimeSpan.Zero), job.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(url, job.Str("url"));
        Assert.Equal("We build our payments platform in C# and PostgreSQL.\n• Own services on Kubernetes\n• Mentor engineers", job.Str("description"));
        Assert.Equal(["c#", "kubernetes", "postgresql"], Strings(job.GetProperty("keywords")));
    }

    [Fact]
    public async Task A_page_without_json_ld_gives_its_title_and_main_text()
    {
        var user = await fixture.NewUserAsync();
        var domain = Catalog.NewDomain();
        var html = PostingSamples.PlainPage("Analytics Engineer", "Northwind");

        var result = await (await user.Client.PostJsonAsync($"/api/jobs/import?company=Northwind&domain={domain}",
            new { html, url = $"https://careers.{domain}/jobs/analytics-engineer" })).JsonAsync(HttpStatusCode.OK);

        var job = Assert.Single(result.GetProperty("jobs").EnumerateArray());
        Assert.Equal("Analytics Engineer", job.Str("title"));
        Assert.Equal(domain, job.GetProperty("company").Str("domain"));
        Assert.Contains("build pipelines in Python and dbt", job.Str("description"), StringComparison.Ordinal);
        Assert.DoesNotContain("About us", job.Str("description"), StringComparison.Ordinal);
        Assert.Equal(["analytics", "dbt", "python", "snowflake", "sql", "tableau"], Strings(job.GetProperty("keywords")));
    }

    [Fact]
    public async Task A_url_is_fetched_following_redirects_and_imported_the_same_way()
    {
        var user = await fixture.NewUserAsync();
        var domain = Catalog.NewDomain();
        var path = $"/jobs/{Guid.NewGuid():N}";
        fixture.Site.Serve(path, PostingSamples.JsonLdPage("Site Reliability Engineer", "Globex", domain, fixture.Site.Url(path).AbsoluteUri));
        fixture.Site.Redirect(path + "/short", path);

        var result = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = fixture.Site.Url(path + "/short").AbsoluteUri }))
            .JsonAsync(HttpStatusCode.OK);

        var job = Assert.Single(result.GetProperty("jobs").EnumerateArray());
        Assert.Equal("Site Reliability Engineer", job.Str("title"));
        Assert.Equal(fixture.Site.Url(path).AbsoluteUri, job.Str("url"));
        Assert.Equal(1, fixture.Site.Hits[path]);
    }

    [Fact]
    public async Task A_page_that_fails_to_come_is_422_saying_why()
    {
        var user = await fixture.NewUserAsync();
        var big = $"/big/{Guid.NewGuid():N}";
        var slow = $"/slow/{Guid.NewGuid():N}";
        fixture.Site.Serve(big, "<html><body>" + new string('x', (2 * 1024 * 1024) + 10) + "</body></html>");
        fixture.Site.Hang(slow);

        var tooBig = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = fixture.Site.Url(big).AbsoluteUri }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var missing = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = fixture.Site.Url("/nothing-here").AbsoluteUri }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var late = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = fixture.Site.Url(slow).AbsoluteUri }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("larger than 2097152 bytes", tooBig.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("404", missing.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("did not answer within 2 s", late.Str("detail"), StringComparison.Ordinal);
        await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = "ftp://example.com/job" })).ProblemAsync(HttpStatusCode.BadRequest, "url");
        await (await user.Client.PostJsonAsync("/api/jobs/import", new { })).ProblemAsync(HttpStatusCode.BadRequest, "html");
    }

    [Fact]
    public async Task A_greenhouse_feed_imports_every_good_row_reports_the_bad_one_and_never_duplicates()
    {
        var user = await fixture.NewUserAsync();
        var domain = Catalog.NewDomain();
        var baseId = Random.Shared.NextInt64(1_000_000, 9_000_000_000);
        var feed = PostingSamples.Greenhouse(
            (baseId, "Backend Engineer", $"https://boards.greenhouse.io/acme/jobs/{baseId}", "Remote - US", "<p>Go and PostgreSQL.</p>"),
            (baseId + 1, null, $"https://boards.greenhouse.io/acme/jobs/{baseId + 1}", "Austin, TX", "<p>No title.</p>"),
            (baseId + 2, "Data Analyst", $"https://boards.greenhouse.io/acme/jobs/{baseId + 2}", "Austin, TX", "<p>SQL and Looker.</p>"));

        var first = await (await ImportFileAsync(user, feed, "jobs.json", $"?company=Acme&domain={domain}")).JsonAsync(HttpStatusCode.OK);
        var again = await (await ImportFileAsync(user, feed, "jobs.json", $"?company=Acme&domain={domain}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((2, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("existing").GetInt32()));
        var failure = Assert.Single(first.GetProperty("failed").EnumerateArray());
        Assert.Equal(2, failure.GetProperty("row").GetInt32());
        Assert.Contains("title", failure.Str("error"), StringComparison.Ordinal);
        Assert.Equal((0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("existing").GetInt32()));
        var jobs = first.GetProperty("jobs").EnumerateArray().ToArray();
        Assert.Equal(["Backend Engineer", "Data Analyst"], jobs.Select(j => j.Str("title")));
        Assert.Equal(jobs.Select(j => j.Id()), again.GetProperty("jobs").EnumerateArray().Select(j => j.Id()));
        Assert.Equal(("greenhouse", baseId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (jobs[0].Str("source"), jobs[0].Str("externalId")));
        Assert.True(jobs[0].GetProperty("remote").GetBoolean());
        Assert.Equal("Go and PostgreSQL.", jobs[0].Str("description"));
        Assert.Equal(["looker", "sql"], Strings(jobs[1].GetProperty("keywords")));
        Assert.All(jobs, j => Assert.Equal(domain, j.GetProperty("company").Str("domain")));
    }

    [Fact]
    public async Task A_lever_feed_imports_its_postings()
    {
        var user = await fixture.NewUserAsync();
        var domain = Catalog.NewDomain();
        var id = Guid.NewGuid().ToString();
        var feed = PostingSamples.Lever((id, "Systems Engineer", $"https://jobs.lever.co/initech/{id}", "Zurich", "Full-time", "Work on our storage engine."));

        var result = await (await ImportFileAsync(user, feed, "postings.json", $"?company=Initech&domain={domain}")).JsonAsync(HttpStatusCode.OK);

        var job = Assert.Single(result.GetProperty("jobs").EnumerateArray());
        Assert.Equal(("lever", id, "Systems Engineer", "Zurich", "full-time"),
            (job.Str("source"), job.Str("externalId"), job.Str("title"), job.Str("location"), job.Str("jobType").Replace('_', '-')));
        Assert.Equal($"https://jobs.lever.co/initech/{id}/apply", job.Str("applyUrl"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1893456000000L), job.GetProperty("postedDate").GetDateTimeOffset());
        Assert.Contains("Linux", job.Str("description"), StringComparison.Ordinal);
        Assert.Equal("Initech", job.GetProperty("company").Str("name"));
    }

    [Fact]
    public async Task A_csv_imports_each_row_with_its_company_and_lists_the_rows_that_fail()
    {
        var user = await fixture.NewUserAsync();
        var (one, two) = (Catalog.NewDomain(), Catalog.NewDomain());
        var csv = PostingSamples.Csv(
            "title,company,companyDomain,location,url,description",
            $"Frontend Engineer,Umbrella,{one},Lisbon,https://{one}/jobs/1,\"React, TypeScript and CSS; \"\"pixel-perfect\"\".\"",
            $"Designer,Umbrella,,Lisbon,https://jobs.lever.co/umbrella/2,Figma",
            $"Engineering Manager,Hooli,{two},\"Remote, EU\",,\"Lead a team of 6.\nHiring and mentoring.\"",
            $"Sales Lead,Hooli,{two},Berlin,not a url,B2B sales");

        var first = await (await ImportFileAsync(user, csv, "jobs.csv")).JsonAsync(HttpStatusCode.OK);
        var again = await (await ImportFileAsync(user, csv, "jobs.csv")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((2, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("existing").GetInt32()));
        Assert.Equal([2, 4], first.GetProperty("failed").EnumerateArray().Select(f => f.GetProperty("row").GetInt32()));
        Assert.Contains("domain", first.GetProperty("failed")[0].Str("error"), StringComparison.Ordinal);
        Assert.Contains("url", first.GetProperty("failed")[1].Str("error"), StringComparison.Ordinal);
        Assert.Equal((0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("existing").GetInt32()));
        var jobs = first.GetProperty("jobs").EnumerateArray().ToArray();
        Assert.Equal("React, TypeScript and CSS; \"pixel-perfect\".", jobs[0].Str("description"));
        Assert.Equal(("Engineering Manager", "Remote, EU", true), (jobs[1].Str("title"), jobs[1].Str("location"), jobs[1].GetProperty("remote").GetBoolean()));
        Assert.Equal(("Umbrella", "Hooli"), (jobs[0].GetProperty("company").Str("name"), jobs[1].GetProperty("company").Str("name")));
        Assert.Equal(jobs.Select(j => j.Id()), again.GetProperty("jobs").EnumerateArray().Select(j => j.Id()));
    }

    [Fact]
    public async Task A_feed_without_its_company_or_a_csv_without_the_header_is_400()
    {
        var user = await fixture.NewUserAsync();

        await (await ImportFileAsync(user, PostingSamples.Greenhouse((1, "X", "https://boards.greenhouse.io/a/jobs/1", "Remote", "x")), "jobs.json"))
            .ProblemAsync(HttpStatusCode.BadRequest, "domain");
        await (await ImportFileAsync(user, PostingSamples.Csv("name,where", "Engineer,Berlin"), "jobs.csv")).ProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await ImportFileAsync(user, "{\"jobs\": [1, 2"u8.ToArray(), "jobs.json", "?domain=acme.com")).ProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await user.Client.PostAsync("/api/jobs/import", new StringContent("hello"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private static Task<HttpResponseMessage> ImportFileAsync(TestUser user, byte[] content, string fileName, string query = "")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/json");
        return user.Client.PostAsync("/api/jobs/import" + query, new MultipartFormDataContent { { file, "file", fileName } });
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
