using System.Net;
using System.Net.Http.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests;

public sealed class MatchingTests
{
    [Fact]
    public async Task Matched_jobs_are_scored_and_ordered_without_hidden_companies_or_expired_jobs()
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync());
        var user = await factory.NewUserAsync();
        var client = user.Client;
        await (await client.PutAsJsonAsync("/api/me/resume", new { skills = new[] { "C#", "PostgreSQL" } })).JsonAsync(HttpStatusCode.OK);
        await (await client.PutAsJsonAsync("/api/me/preferences", new
        {
            skills = new[] { "Kubernetes" },
            roleLevels = new[] { "senior" },
            locations = new[] { "Berlin" },
            remoteOk = true,
            minSalary = 90000,
            hiddenCompanies = new[] { "Hidden Corp", "www.hidden-domain.com" },
        })).JsonAsync(HttpStatusCode.OK);
        var acme = await client.NewCompanyAsync("Acme");
        var hiddenByName = await client.NewCompanyAsync("Hidden Corp");
        var hiddenByDomain = await client.NewCompanyAsync("Innocent", "hidden-domain.com");
        var now = DateTimeOffset.UtcNow;
        const string Fit = "C#, PostgreSQL and Kubernetes.";

        var best = await client.NewJobAsync(acme.Id(), "Senior Backend Engineer", Fit, "Berlin", compMax: 100000, postedDate: now.AddDays(-1));
        var bestButOlder = await client.NewJobAsync(acme.Id(), "Senior Platform Engineer", Fit, "Berlin", compMax: 100000, postedDate: now.AddDays(-3));
        var weak = await client.NewJobAsync(acme.Id(), "Backend Engineer", "C#, AWS and Terraform.", "Paris", postedDate: now.AddDays(-2));
        var fair = await client.NewJobAsync(acme.Id(), "Senior Engineer", "C#, PostgreSQL, AWS and GCP.", "Anywhere", remote: true, postedDate: now.AddDays(-2));
        await client.NewJobAsync(acme.Id(), "Senior Backend Engineer", Fit, "Berlin", postedDate: now.AddDays(-10), expiresAt: now.AddMinutes(-1));
        await client.NewJobAsync(hiddenByName.Id(), "Senior Backend Engineer", Fit, "Berlin", postedDate: now.AddDays(-1));
        await client.NewJobAsync(hiddenByDomain.Id(), "Senior Backend Engineer", Fit, "Berlin", postedDate: now.AddDays(-1));

        var matched = await (await client.GetAsync("/api/jobs/matched")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(4, matched.GetProperty("total").GetInt64());
        var items = matched.Items().ToArray();
        Assert.Equal(
            [best.Id(), bestButOlder.Id(), fair.Id(), weak.Id()],
            items.Select(i => i.GetProperty("job").Id()).ToArray());
        Assert.Equal([100, 100, 70, 40], items.Select(i => i.GetProperty("matchScore").GetInt32()).ToArray());
        Assert.Equal(["excellent", "excellent", "fair", "low"], items.Select(i => i.Str("category")).ToArray());
        Assert.Equal(["c#", "kubernetes", "postgresql"], Strings(items[0], "matchedSkills"));
        Assert.Empty(Strings(items[0], "missingSkills"));
        Assert.Equal(["c#"], Strings(items[3], "matchedSkills"));
        Assert.Equal(["aws", "terraform"], Strings(items[3], "missingSkills"));
        Assert.Equal("Senior Backend Engineer", items[0].GetProperty("job").Str("title"));

        var secondPage = await (await client.GetAsync("/api/jobs/matched?page=2&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([weak.Id()], secondPage.Items().Select(i => i.GetProperty("job").Id()).ToArray());
        Assert.Equal(4, secondPage.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_user_without_resume_or_preferences_gets_every_unexpired_job()
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync());
        var user = await factory.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var job = await user.Client.NewJobAsync(company.Id(), "Engineer", "No named skills here.", postedDate: DateTimeOffset.UtcNow);

        var matched = await (await user.Client.GetAsync("/api/jobs/matched")).JsonAsync(HttpStatusCode.OK);

        var item = Assert.Single(matched.Items());
        Assert.Equal(job.Id(), item.GetProperty("job").Id());
        Assert.Equal(75, item.GetProperty("matchScore").GetInt32());
        Assert.Equal("strong", item.Str("category"));
    }

    private static string[] Strings(System.Text.Json.JsonElement item, string property) =>
        item.GetProperty(property).EnumerateArray().Select(s => s.GetString()!).ToArray();
}
