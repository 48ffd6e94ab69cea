using System.Diagnostics;
using System.Text;
using Npgsql;
using RoleFerry.Data;
using RoleFerry.Api.Jobs.Import;
using RoleFerry.Api.Profile.Parsing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RoleFerry.Bench;

/// <summary>
/// Section 7, the job seeker's documents (issue 26): parsing a 3-page PDF resume (PdfPig + the resume parser;
/// the first parse of the process and the median of the next ones; target under 300 ms), and importing a
/// 1,000-row CSV and a 1,000-job Greenhouse feed (parse, companies, jobs and keywords into PostgreSQL, the way
/// <c>POST /api/jobs/import</c> does; target under 5 s), each into a fresh database, then the same feed again
/// (all rows found, none created).
/// </summary>
public sealed class DocumentsBench(BenchDatabase databases, ResultTable table, int parses)
{
    public const int FeedRows = 1000;

    public async Task RunAsync()
    {
        var pdf = ThreePageResume();
        var first = Time(() => Parse(pdf));
        var warm = Enumerable.Range(0, parses).Select(_ => Time(() => Parse(pdf))).Order().ToArray();
        table.Add(new ResultRow("7", "3-page PDF resume", "first parse", "ms", first, null, ""));
        table.Add(new ResultRow("7", "3-page PDF resume", $"parse, median of {parses}", "ms", warm[warm.Length / 2], null, ""));

        var csv = Csv();
        await ImportAsync("1,000-row CSV", () => CsvFeed.Read(csv, out _)!);
        var greenhouse = System.Text.Json.JsonDocument.Parse(Greenhouse());
        await ImportAsync("1,000-job Greenhouse feed", () => GreenhouseFeed.Read(greenhouse.RootElement, "Bench Co", "bench-greenhouse.example"));
    }

    private async Task ImportAsync(string name, Func<IReadOnlyList<ImportRow>> read)
    {
        var connectionString = await databases.CreateAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);
        var userId = (long)(await db.ScalarAsync("SELECT id FROM users ORDER BY id LIMIT 1"))!;
        foreach (var pass in new[] { "first import", "again (all existing)" })
        {
            var watch = Stopwatch.StartNew();
            var result = await JobImporter.ImportAsync(db, read(), userId, DateTimeOffset.UtcNow, CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            if (result.Created + result.Existing != FeedRows || result.Failed.Count != 0)
            {
                throw new InvalidOperationException($"{name}: {result.Created} created, {result.Existing} existing, {result.Failed.Count} failed");
            }

            table.Add(new ResultRow("7", name, $"{pass}: {result.Created} created, {result.Existing} existing", "s", seconds, null, ""));
        }
    }

    private static void Parse(byte[] pdf)
    {
        var resume = ResumeParser.Parse(PdfResumeReader.Read(pdf));
        if (resume.Roles.Count < 12)
        {
            throw new InvalidOperationException($"the 3-page resume parsed into {resume.Roles.Count} roles");
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A resume over three A4 pages: a header, a summary, 12 roles with 6 bullets each, education and skills.</summary>
    private static byte[] ThreePageResume()
    {
        var lines = new List<(string Text, bool Heading, double Indent)>
        {
            ("Jordan Bench", true, 0), ("jordan@example.com · +1 555 010 0000", false, 0),
            ("Summary", true, 0), ("Engineer who builds data platforms and APIs for growing companies.", false, 0),
            ("Experience", true, 0),
        };
        for (var role = 0; role < 12; role++)
        {
            lines.Add(($"Senior Engineer {role + 1}, Company {role + 1} Inc\t{2023 - role}–{2024 - role}", false, 0));
            for (var bullet = 0; bullet < 6; bullet++)
            {
                lines.Add(($"• Cut the cost of service {bullet + 1} by {10 + bullet}% with PostgreSQL, Kafka and Kubernetes work.", false, 12));
            }
        }

        lines.AddRange([("Education", true, 0), ("University of Bench, BSc Computer Science, 2010", false, 0),
            ("Skills", true, 0), ("C#, Python, PostgreSQL, Kafka, Kubernetes, Terraform, React", false, 0)]);

        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        PdfPageBuilder? page = null;
        var y = 0.0;
        foreach (var (text, heading, indent) in lines)
        {
            if (page is null || y < 60)
            {
                page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
                y = page.PageSize.Height - 60;
            }

            var x = 56 + indent;
            foreach (var part in text.Split('\t'))
            {
                page.AddText(part, heading ? 14 : 10, new PdfPoint(x, y), heading ? bold : regular);
                x = 400;
            }

            y -= heading ? 22 : 14.5;
        }

        return builder.Build();
    }

    private static string Csv()
    {
        var csv = new StringBuilder("title,company,companyDomain,location,url,description\n");
        for (var i = 0; i < FeedRows; i++)
        {
            csv.Append($"Engineer {i},Company {i % 50},company{i % 50}.bench.example,Berlin,https://company{i % 50}.bench.example/jobs/{i},")
               .Append($"\"Build APIs in C# and PostgreSQL, run them on Kubernetes; job {i}.\"\n");
        }

        return csv.ToString();
    }

    private static byte[] Greenhouse()
    {
        var jobs = Enumerable.Range(0, FeedRows).Select(i => new
        {
            id = 4_000_000 + i,
            title = $"Data Engineer {i}",
            absolute_url = $"https://boards.greenhouse.io/bench/jobs/{4_000_000 + i}",
            location = new { name = i % 3 == 0 ? "Remote" : "New York, NY" },
            content = System.Net.WebUtility.HtmlEncode($"<p>Airflow, dbt and Snowflake pipelines; job {i}.</p><ul><li>Python</li><li>SQL</li></ul>"),
            updated_at = "2030-01-01T00:00:00Z",
        });
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { jobs });
    }
}
