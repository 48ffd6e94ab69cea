using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Documents;

/// <summary>Resume versions, cover letters and their Word documents (read back with the Open XML SDK).</summary>
public sealed class DocumentsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly object Resume = new
    {
        roles = new object[]
        {
            new
            {
                title = "Senior Backend Engineer", company = "Initech GmbH", tenure = "2020 – Present",
                bullets = new[]
                {
                    "Mentored four engineers.",
                    "Cut p99 latency by 40% with Redis caching in front of PostgreSQL.",
                    "Moved 12 C# services to Kubernetes with zero downtime.",
                },
            },
            new { title = "Software Engineer", company = "Globex", tenure = "2016 – 2019", bullets = new[] { "Wrote the billing API in Python." } },
        },
        keyMetrics = new[] { "Cut p99 latency by 40% with Redis caching in front of PostgreSQL.", "Raised NPS from 20 to 45." },
        accomplishments = new[] { "Speaker at a local C# meetup." },
        skills = new[] { "Python", "PostgreSQL", "C#", "Redis", "Kubernetes", "Leadership" },
        rawText = "Ada Lovelace\nada@example.com · +44 20 7946 0958\nSenior Backend Engineer at Initech GmbH",
    };

    [Fact]
    public async Task A_resume_version_puts_the_jobs_skills_first_orders_bullets_by_its_keywords_and_invents_nothing()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", Resume)).JsonAsync(HttpStatusCode.OK);
        var applicationId = await NewApplicationAsync(user, "Staff Engineer",
            "We run C# and PostgreSQL services on Kubernetes. Kubernetes experience is a must; Rust, Golang, Terraform and Kafka are a plus.");

        var response = await user.Client.PostJsonAsync($"/api/applications/{applicationId}/resume-versions", new { });
        var version = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/resume-versions/{version.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal(applicationId, version.GetProperty("applicationId").GetInt64());
        Assert.Equal(["Kubernetes", "PostgreSQL", "C#"], Strings(version.GetProperty("matchedSkills")));
        Assert.Equal(["Kubernetes", "PostgreSQL", "C#", "Python", "Redis", "Leadership"], Strings(version.GetProperty("skills")));
        Assert.Equal(["golang", "kafka", "rust", "terraform"], Strings(version.GetProperty("missingSkills")));
        Assert.Equal("Senior Backend Engineer with experience in Kubernetes, PostgreSQL and C#.", version.Str("summary"));
        var roles = version.GetProperty("roles").EnumerateArray().ToArray();
        Assert.Equal(("Senior Backend Engineer", "Initech GmbH", "2020 – Present"), (roles[0].Str("title"), roles[0].Str("company"), roles[0].Str("tenure")));
        Assert.Equal(
            ["Moved 12 C# services to Kubernetes with zero downtime.", "Cut p99 latency by 40% with Redis caching in front of PostgreSQL.", "Mentored four engineers."],
            Strings(roles[0].GetProperty("bullets")));

        // Nothing invented: every skill and bullet is the resume's, and no skill the resume lacks is claimed anywhere.
        var resumeText = JsonSerializer.Serialize(Resume);
        Assert.All(Strings(version.GetProperty("skills")), s => Assert.Contains(s, resumeText, StringComparison.Ordinal));
        Assert.All(roles.SelectMany(r => Strings(r.GetProperty("bullets"))), b => Assert.Contains(b, resumeText, StringComparison.Ordinal));
        var claimed = string.Join("\n", version.Str("summary"), string.Join(",", Strings(version.GetProperty("skills"))),
            string.Join("\n", roles.SelectMany(r => Strings(r.GetProperty("bullets")))), string.Join("\n", Strings(version.GetProperty("highlights"))));
        Assert.All(Strings(version.GetProperty("missingSkills")), missing => Assert.DoesNotContain(missing, claimed, StringComparison.OrdinalIgnoreCase));

        var application = await (await user.Client.GetAsync($"/api/resume-versions/{version.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(version.Str("summary"), application.Str("summary"));
    }

    [Fact]
    public async Task Edits_are_kept_and_a_new_version_does_not_overwrite_them()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", Resume)).JsonAsync(HttpStatusCode.OK);
        var applicationId = await NewApplicationAsync(user, "Backend Engineer", "Python and Redis.");
        var first = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/resume-versions", new { })).JsonAsync(HttpStatusCode.Created);

        var edited = await (await user.Client.PatchJsonAsync($"/api/resume-versions/{first.Id()}", new { summary = "My own words.", skills = new[] { "Python" } }))
            .JsonAsync(HttpStatusCode.OK);
        var second = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/resume-versions", new { })).JsonAsync(HttpStatusCode.Created);
        var reread = await (await user.Client.GetAsync($"/api/resume-versions/{first.Id()}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("My own words.", edited.Str("summary"));
        Assert.Equal("My own words.", reread.Str("summary"));
        Assert.Equal(["Python"], Strings(reread.GetProperty("skills")));
        Assert.Equal(2, reread.GetProperty("roles").GetArrayLength());
        Assert.NotEqual(first.Id(), second.Id());
        Assert.Equal("Senior Backend Engineer with experience in Python and Redis.", second.Str("summary"));
    }

    [Fact]
    public async Task Without_a_resume_a_version_is_409_and_other_users_documents_are_404()
    {
        var user = await api.NewUserAsync();
        var stranger = await api.NewUserAsync();
        await (await stranger.Client.PutAsJsonAsync("/api/me/resume", Resume)).JsonAsync(HttpStatusCode.OK);
        var applicationId = await NewApplicationAsync(user, "Engineer", "C#");
        var theirs = await NewApplicationAsync(stranger, "Engineer", "C#");
        var theirVersion = await (await stranger.Client.PostJsonAsync($"/api/applications/{theirs}/resume-versions", new { })).JsonAsync(HttpStatusCode.Created);
        var theirLetter = await (await stranger.Client.PostJsonAsync($"/api/applications/{theirs}/cover-letters", new { })).JsonAsync(HttpStatusCode.Created);

        await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/resume-versions", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await user.Client.PostJsonAsync($"/api/applications/{theirs}/resume-versions", new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PostJsonAsync($"/api/applications/{theirs}/cover-letters", new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/resume-versions/{theirVersion.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/resume-versions/{theirVersion.Id()}/document")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PatchJsonAsync($"/api/cover-letters/{theirLetter.Id()}", new { body = "mine now" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/cover-letters/{theirLetter.Id()}/document")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_default_cover_letter_fills_its_variables_from_the_application_and_the_resume()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", Resume)).JsonAsync(HttpStatusCode.OK);
        var (applicationId, companyId) = await NewApplicationWithCompanyAsync(user, "Platform Engineer", "Kubernetes, PostgreSQL and C#; Redis too.");
        await (await user.Client.PostJsonAsync("/api/contacts", new { companyId, fullName = "Rita Recruiter", email = $"r{Guid.NewGuid():N}@example.com", title = "Recruiter", source = "manual" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await user.Client.PostJsonAsync("/api/contacts", new { companyId, fullName = "Hana Manager", email = $"h{Guid.NewGuid():N}@example.com", title = "Engineering Manager", source = "manual" }))
            .JsonAsync(HttpStatusCode.Created);
        var templates = await (await user.Client.GetAsync("/api/cover-letter-templates")).JsonAsync(HttpStatusCode.OK);
        var platform = templates.Items().Single(t => t.Str("name") == "Cover Letter Default");

        var letter = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/cover-letters", new { })).JsonAsync(HttpStatusCode.Created);

        Assert.True(platform.GetProperty("isPlatform").GetBoolean());
        Assert.Equal(platform.Id(), letter.GetProperty("templateId").GetInt64());
        var body = letter.Str("body");
        Assert.StartsWith("Dear Hana Manager,", body, StringComparison.Ordinal);
        Assert.Contains("the Platform Engineer position at Docs Co", body, StringComparison.Ordinal);
        Assert.Contains("As Senior Backend Engineer at Initech GmbH, I have worked with PostgreSQL, C# and Redis", body, StringComparison.Ordinal);
        Assert.Contains("Cut p99 latency by 40% with Redis caching in front of PostgreSQL.", body, StringComparison.Ordinal);
        Assert.EndsWith("Ada Lovelace", body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", body, StringComparison.Ordinal);

        var edited = await (await user.Client.PatchJsonAsync($"/api/cover-letters/{letter.Id()}", new { body = "Dear team,\n\nShort and sweet." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Dear team,\n\nShort and sweet.", (await (await user.Client.GetAsync($"/api/cover-letters/{letter.Id()}")).JsonAsync(HttpStatusCode.OK)).Str("body"));
        Assert.Equal("Dear team,\n\nShort and sweet.", edited.Str("body"));
        await (await user.Client.PutAsJsonAsync($"/api/cover-letter-templates/{platform.Id()}", new { name = "Mine", body = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_template_may_hold_any_variable_but_a_letter_from_an_unknown_one_is_400_naming_it()
    {
        var user = await api.NewUserAsync();
        var applicationId = await NewApplicationAsync(user, "Engineer", "Rust.");
        var template = await (await user.Client.PostJsonAsync("/api/cover-letter-templates",
            new { name = "Short", body = "Hi {{hiring_manager}}, about {{role}}: {{favourite_colour}}. {{ full_name }}" })).JsonAsync(HttpStatusCode.Created);
        var plain = await (await user.Client.PostJsonAsync("/api/cover-letter-templates",
            new { name = "Plain", body = "Hello {{hiring_manager}}, I want the {{role}} role at {{company}}. {{first_name}}" })).JsonAsync(HttpStatusCode.Created);

        var refused = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/cover-letters", new { templateId = template.Id() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "templateId");
        var letter = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/cover-letters", new { templateId = plain.Id() }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Contains("{{favourite_colour}}", refused.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("full_name}}", refused.Str("detail").Split("its variables")[0], StringComparison.Ordinal);
        Assert.Equal("Hello Hiring Manager, I want the Engineer role at Docs Co. Ada", letter.Str("body"));
        Assert.False(template.GetProperty("isPlatform").GetBoolean());
    }

    [Fact]
    public async Task The_word_documents_hold_the_name_the_company_and_the_bullets_in_order()
    {
        var user = await api.NewUserAsync();
        await (await user.Client.PutAsJsonAsync("/api/me/resume", Resume)).JsonAsync(HttpStatusCode.OK);
        var applicationId = await NewApplicationAsync(user, "Staff Engineer", "C#, PostgreSQL and Kubernetes.");
        var version = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/resume-versions", new { })).JsonAsync(HttpStatusCode.Created);
        var letter = await (await user.Client.PostJsonAsync($"/api/applications/{applicationId}/cover-letters", new { })).JsonAsync(HttpStatusCode.Created);

        var resumeDoc = await user.Client.GetAsync($"/api/resume-versions/{version.Id()}/document");
        var letterDoc = await user.Client.GetAsync($"/api/cover-letters/{letter.Id()}/document");

        foreach (var response in new[] { resumeDoc, letterDoc })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }

        var paragraphs = Paragraphs(await resumeDoc.Content.ReadAsByteArrayAsync());
        Assert.Equal(("Ada Lovelace", "Title"), (paragraphs[0].Text, paragraphs[0].Style));
        Assert.Equal("ada@example.com · +44 20 7946 0958", paragraphs[1].Text);
        var role = paragraphs.FindIndex(p => p.Text == "Senior Backend Engineer — Initech GmbH" && p.Style == "Heading2");
        Assert.True(role > 0, "no heading names the role and its company");
        Assert.Equal(
            Strings(version.GetProperty("roles")[0].GetProperty("bullets")),
            paragraphs.Skip(role + 1).SkipWhile(p => !p.IsBullet).TakeWhile(p => p.IsBullet).Select(p => p.Text));
        Assert.Contains(paragraphs, p => p.Text == "Globex" || p.Text.EndsWith("— Globex", StringComparison.Ordinal));

        var letterParagraphs = Paragraphs(await letterDoc.Content.ReadAsByteArrayAsync());
        Assert.Equal("Ada Lovelace", letterParagraphs[0].Text);
        Assert.Contains(letterParagraphs, p => p.Text.Contains("the Staff Engineer position at Docs Co", StringComparison.Ordinal));
    }

    private static List<(string Text, string? Style, bool IsBullet)> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => (p.InnerText, p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.ParagraphProperties?.NumberingProperties is not null))
            .ToList();
    }

    private static async Task<long> NewApplicationAsync(TestUser user, string title, string description) =>
        (await NewApplicationWithCompanyAsync(user, title, description)).ApplicationId;

    private static async Task<(long ApplicationId, long CompanyId)> NewApplicationWithCompanyAsync(TestUser user, string title, string description)
    {
        var company = await user.Client.NewCompanyAsync("Docs Co");
        var job = await user.Client.NewJobAsync(company.Id(), title: title, description: description);
        var application = await (await user.Client.PostJsonAsync("/api/applications", new { jobId = job.Id() })).JsonAsync(HttpStatusCode.Created);
        return (application.Id(), company.Id());
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
