using System.Text;
using System.Text.Json;

namespace RoleFerry.Api.Tests.Support;

/// <summary>Posting pages and feeds as career sites, Greenhouse and Lever publish them.</summary>
public static class PostingSamples
{
    /// <summary>A posting page with schema.org JobPosting JSON-LD, as a Greenhouse-hosted board renders it.</summary>
    public static string JsonLdPage(string title, string company, string domain, string url) =>
        $$$"""
        <!doctype html><html><head><meta charset="utf-8"><title>Job Application for {{{title}}} at {{{company}}}</title>
        <script type="application/ld+json">
        {
          "@context": "https://schema.org/",
          "@type": "JobPosting",
          "title": "{{{title}}}",
          "url": "{{{url}}}",
          "description": "<p>We build our <strong>payments platform</strong> in C# and PostgreSQL.</p><ul><li>Own services on Kubernetes</li><li>Mentor engineers</li></ul>",
          "datePosted": "2030-03-01",
          "validThrough": "2030-06-30T23:59:59Z",
          "employmentType": "FULL_TIME",
          "hiringOrganization": {"@type": "Organization", "name": "{{{company}}}", "sameAs": "https://www.{{{domain}}}/about"},
          "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"}},
          "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "minValue": 70000, "maxValue": 90000, "unitText": "YEAR"}}
        }
        </script></head>
        <body><div id="app"><h1>{{{title}}}</h1><p>Apply now!</p></div></body></html>
        """;

    /// <summary>A company's own careers page without structured data: its title and main text only.</summary>
    public static string PlainPage(string title, string siteName) =>
        $"""
        <!doctype html><html><head><meta charset="utf-8"><title>{title} | {siteName} Careers</title>
        <meta property="og:site_name" content="{siteName}"></head>
        <body><nav><a href="/">Home</a> <a href="/jobs">Jobs</a> <a href="/about">About us</a></nav>
        <main><article><h1>{title}</h1>
        <p>Our analytics team turns raw product events into decisions. You will build pipelines in Python and dbt, model
        data in Snowflake and publish dashboards in Tableau that every team reads on Monday morning.</p>
        <p>You have shipped data products before, you write clear SQL and you care about data quality. We work in small
        teams, review each other's code and release several times a day.</p>
        <h2>What we offer</h2><p>Remote-friendly hours, a learning budget and a team that answers questions kindly.</p>
        </article></main><footer>© {siteName}</footer></body></html>
        """;

    public static byte[] Greenhouse(params (long Id, string? Title, string Url, string Location, string Content)[] jobs) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            jobs = jobs.Select(j => new
            {
                id = j.Id,
                internal_job_id = j.Id + 7,
                title = j.Title,
                absolute_url = j.Url,
                location = new { name = j.Location },
                content = System.Net.WebUtility.HtmlEncode(j.Content),
                updated_at = "2030-02-03T10:00:00-05:00",
                metadata = (object?)null,
            }),
            meta = new { total = jobs.Length },
        });

    public static byte[] Lever(params (string Id, string Text, string Url, string Location, string Commitment, string Description)[] postings) =>
        JsonSerializer.SerializeToUtf8Bytes(postings.Select(p => new
        {
            id = p.Id,
            text = p.Text,
            hostedUrl = p.Url,
            applyUrl = p.Url + "/apply",
            categories = new { location = p.Location, commitment = p.Commitment, team = "Engineering" },
            descriptionPlain = p.Description,
            lists = new[] { new { text = "Requirements", content = "<li>Go or Rust</li><li>Linux</li>" } },
            createdAt = 1893456000000L,
            workplaceType = "onsite",
        }));

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
}
