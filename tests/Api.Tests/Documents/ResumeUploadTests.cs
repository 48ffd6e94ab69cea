using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Documents;

/// <summary>
/// <c>POST /api/me/resume/file</c> on real files made in the test: PDFs printed by chromium (one and two columns, no
/// skills section), a DOCX written with the Open XML SDK, an image-only PDF, a PDF encrypted by qpdf, damaged files.
/// </summary>
public sealed class ResumeUploadTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_pdf_resume_becomes_the_resume_with_roles_skills_education_and_metrics_and_keeps_its_file()
    {
        var user = await api.NewUserAsync();
        var pdf = await ResumeFiles.PrintPdfAsync(ResumeSamples.SingleColumn);

        var response = await UploadAsync(user, pdf, "ada-resume.pdf", "application/pdf");

        var upload = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("ada-resume.pdf", upload.Str("fileName"));
        Assert.Equal("application/pdf", upload.Str("contentType"));
        Assert.Equal(pdf.Length, upload.GetProperty("sizeBytes").GetInt32());
        Assert.Equal("parsed", upload.Str("parsingStatus"));
        var resume = upload.GetProperty("resume");
        Assert.Equal(
            [("Senior Backend Engineer", "Initech GmbH", "Jan 2020 – Present"), ("Software Engineer", "Globex Corporation", "2016 - 2019")],
            Roles(resume));
        Assert.Equal(
            ["Cut p99 latency by 40% by moving hot reads to Redis and rewriting the slowest queries of the ledger service that every checkout depends on.",
             "Led the migration of 12 services to Kubernetes.", "Mentored new engineers on code review."],
            Texts(resume.GetProperty("roles")[0].GetProperty("bullets")));
        Assert.Equal(["C#", ".NET", "PostgreSQL", "Redis", "Kubernetes", "Terraform"], Texts(resume.GetProperty("skills")));
        Assert.Contains("Built the billing API in C# and PostgreSQL serving 2M requests a day.", Texts(resume.GetProperty("keyMetrics")));
        Assert.DoesNotContain("Wrote the on-call runbooks.", Texts(resume.GetProperty("keyMetrics")));
        Assert.Contains("Wrote the on-call runbooks.", Texts(resume.GetProperty("accomplishments")));
        var school = Assert.Single(resume.GetProperty("education").EnumerateArray());
        Assert.Equal(("University of Cambridge", "BSc Computer Science", 2015), (school.Str("school"), school.Str("degree"), school.GetProperty("year").GetInt32()));
        Assert.Contains("ada@example.com", resume.Str("rawText"), StringComparison.Ordinal);

        var read = await (await user.Client.GetAsync("/api/me/resume")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(upload.Id(), read.GetProperty("sourceFile").Id());
        Assert.Equal("ada-resume.pdf", read.GetProperty("sourceFile").Str("fileName"));
        Assert.Equal(Roles(resume), Roles(read));
        var original = await user.Client.GetAsync("/api/me/resume/file");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("application/pdf", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await original.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_two_column_pdf_is_read_column_by_column()
    {
        var user = await api.NewUserAsync();
        var pdf = await ResumeFiles.PrintPdfAsync(ResumeSamples.TwoColumns);

        var resume = (await (await UploadAsync(user, pdf, "grace.pdf", "application/pdf")).JsonAsync(HttpStatusCode.Created)).GetProperty("resume");

        Assert.Equal(
            [("Staff Data Engineer", "Northwind Traders", "Mar 2019 – Present"), ("Data Engineer", "Contoso Ltd", "2015 – 2019")],
            Roles(resume));
        Assert.Equal(
            ["Rebuilt the nightly ETL in Airflow and dbt, cutting run time from 6 hours to 50 minutes.", "Designed the event schema used by 30 product teams."],
            Texts(resume.GetProperty("roles")[0].GetProperty("bullets")));
        Assert.Equal(["Python", "SQL", "Airflow", "dbt", "Tableau", "Spark"], Texts(resume.GetProperty("skills")).Take(6));
        Assert.Equal(
            [("Yale University", "PhD Mathematics", 1934), ("Vassar College", "BA Mathematics", 1928)],
            resume.GetProperty("education").EnumerateArray().Select(e => (e.Str("school"), e.Str("degree"), e.GetProperty("year").GetInt32())));
    }

    [Fact]
    public async Task A_docx_resume_is_parsed_by_its_headings_and_list_items()
    {
        var user = await api.NewUserAsync();
        var docx = ResumeFiles.Docx("Margaret Hamilton", ResumeSamples.DocxSections);

        var upload = await (await UploadAsync(user, docx, "margaret.docx", "application/octet-stream")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", upload.Str("contentType"));
        Assert.Equal("parsed", upload.Str("parsingStatus"));
        var resume = upload.GetProperty("resume");
        Assert.Equal(
            [("Senior Product Manager", "Umbrella Corp", "May 2021 – Present"), ("Product Manager", "Hooli", "2017 – 2021")],
            Roles(resume));
        Assert.Equal(3, resume.GetProperty("roles")[0].GetProperty("bullets").GetArrayLength());
        Assert.Equal(["Product management", "Roadmapping", "User research", "A/B testing", "SQL"], Texts(resume.GetProperty("skills")).Take(5));
        Assert.Contains("salesforce", Texts(resume.GetProperty("skills")).Select(s => s.ToLowerInvariant()));
        Assert.Equal(
            [("INSEAD Business School", "MBA", 2017), ("University of Toronto", "BA Economics", 2012)],
            resume.GetProperty("education").EnumerateArray().Select(e => (e.Str("school"), e.Str("degree"), e.GetProperty("year").GetInt32())));
        Assert.Contains("Grew weekly active teams by 25% with a new onboarding flow.", Texts(resume.GetProperty("keyMetrics")));
    }

    [Fact]
    public async Task A_resume_without_a_skills_section_is_partial_and_takes_its_skills_from_the_text()
    {
        var user = await api.NewUserAsync();
        var pdf = await ResumeFiles.PrintPdfAsync(ResumeSamples.NoSkillsSection);

        var upload = await (await UploadAsync(user, pdf, "alan.pdf", "application/pdf")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("partial", upload.Str("parsingStatus"));
        var resume = upload.GetProperty("resume");
        Assert.Equal([("Platform Engineer", "Bletchley Labs", "June 2018 – December 2022")], Roles(resume));
        Assert.Equal(["Kafka", "Kubernetes", "Python", "Terraform"], Texts(resume.GetProperty("skills")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Uploading_again_replaces_the_parse_and_matching_uses_it_at_once()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var job = await user.Client.NewJobAsync(company.Id(), title: "Analytics Engineer " + Guid.NewGuid().ToString("N")[..6],
            description: "Airflow, dbt and Tableau.");
        await (await UploadAsync(user, await ResumeFiles.PrintPdfAsync(ResumeSamples.SingleColumn), "a.pdf", "application/pdf")).JsonAsync(HttpStatusCode.Created);
        var before = await MatchOfAsync(user, job.Id());

        var second = await (await UploadAsync(user, await ResumeFiles.PrintPdfAsync(ResumeSamples.TwoColumns), "b.pdf", "application/pdf"))
            .JsonAsync(HttpStatusCode.Created);
        var after = await MatchOfAsync(user, job.Id());

        Assert.Empty(Texts(before.GetProperty("matchedSkills")));
        Assert.Equal(["airflow", "dbt", "tableau"], Texts(after.GetProperty("matchedSkills")));
        Assert.True(after.GetProperty("matchScore").GetInt32() > before.GetProperty("matchScore").GetInt32());
        var read = await (await user.Client.GetAsync("/api/me/resume")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("b.pdf", read.GetProperty("sourceFile").Str("fileName"));
        Assert.Equal("Staff Data Engineer", read.GetProperty("roles")[0].Str("title"));
        Assert.Equal(second.Id(), read.GetProperty("sourceFile").Id());
    }

    [Fact]
    public async Task A_pdf_without_a_text_layer_is_422_saying_so_and_changes_nothing()
    {
        var user = await api.NewUserAsync();

        var problem = await (await UploadAsync(user, ResumeFiles.ImageOnlyPdf(), "scan.pdf", "application/pdf"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("no text layer", problem.Str("detail"), StringComparison.Ordinal);
        await (await user.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync("/api/me/resume/file")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_encrypted_pdf_is_422_saying_so()
    {
        var user = await api.NewUserAsync();
        var locked = await ResumeFiles.EncryptAsync(await ResumeFiles.PrintPdfAsync(ResumeSamples.SingleColumn));

        var problem = await (await UploadAsync(user, locked, "locked.pdf", "application/pdf")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("encrypted", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_files_are_422_never_500()
    {
        var user = await api.NewUserAsync();
        var pdf = await ResumeFiles.PrintPdfAsync(ResumeSamples.SingleColumn);
        var docx = ResumeFiles.Docx("Margaret Hamilton", ResumeSamples.DocxSections);
        var scrambled = pdf.ToArray();
        new Random(7).NextBytes(scrambled.AsSpan(20, scrambled.Length - 40));
        var files = new (byte[] Content, string Name, string Type)[]
        {
            (pdf[..(pdf.Length / 3)], "truncated.pdf", "application/pdf"),
            (scrambled, "scrambled.pdf", "application/pdf"),
            (docx[..(docx.Length / 2)], "truncated.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("this is not a pdf at all"u8.ToArray(), "resume.pdf", "application/pdf"),
        };

        foreach (var (content, name, type) in files)
        {
            var problem = await (await UploadAsync(user, content, name, type)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains(name.EndsWith(".pdf", StringComparison.Ordinal) ? "PDF" : "DOC", problem.Str("detail").ToUpperInvariant(), StringComparison.Ordinal);
        }

        await (await user.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_type_is_415_and_a_file_over_5_MiB_is_413()
    {
        var user = await api.NewUserAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

        await (await UploadAsync(user, png, "photo.png", "image/png")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await UploadAsync(user, "Ada Lovelace, engineer"u8.ToArray(), "resume.txt", "text/plain")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var large = new byte[(5 * 1024 * 1024) + 1];
        "%PDF-1.7\n"u8.CopyTo(large);
        await (await UploadAsync(user, large, "huge.pdf", "application/pdf")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var body = new ByteArrayContent(await ResumeFiles.PrintPdfAsync(ResumeSamples.SingleColumn));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await (await user.Client.PostAsync("/api/me/resume/file", body)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await user.Client.PostAsync("/api/me/resume/file", new MultipartFormDataContent())).ProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await user.Client.GetAsync("/api/me/resume")).ProblemAsync(HttpStatusCode.NotFound);
    }

    internal static Task<HttpResponseMessage> UploadAsync(TestUser user, byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return user.Client.PostAsync("/api/me/resume/file", form);
    }

    private static async Task<JsonElement> MatchOfAsync(TestUser user, long jobId)
    {
        var page = await (await user.Client.GetAsync("/api/jobs/matched?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        return page.Items().Single(i => i.GetProperty("job").Id() == jobId);
    }

    private static (string, string?, string?)[] Roles(JsonElement resume) =>
        resume.GetProperty("roles").EnumerateArray()
            .Select(r => (r.Str("title"), r.GetProperty("company").GetString(), r.GetProperty("tenure").GetString()))
            .ToArray();

    private static string[] Texts(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
