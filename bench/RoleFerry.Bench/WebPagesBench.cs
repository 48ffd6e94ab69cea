using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace RoleFerry.Bench;

/// <summary>
/// (8) Web pages against their API calls, in the same run on the same silo process (src/Silo, Release, Production):
/// the Applications page (GET /applications, page 1 of a user's 2,000 applications, grouped by status with the
/// counts) beside GET /api/applications, and the Analytics page (GET /analytics, by template, a user's 10,000 sent
/// emails) beside GET /api/analytics/outreach?groupBy=template. The page is signed in with the web app's cookie (the
/// Sign in form, antiforgery and all), the API call with the bearer token; one request at a time, the two sides
/// alternating so both see the same machine; each answer checked first. Target: a page within 2× its API call.
/// </summary>
public sealed partial class WebPagesBench(BenchDatabase databases, ResultTable table, BenchOptions options)
{
    private const string Section = "8";
    private const int Applications = 2_000;
    private const int Emails = 10_000;

    public async Task RunAsync()
    {
        var connectionString = await databases.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seed = new ApiSeed(dataSource, new ApiSeedSizes(Companies: 200, Jobs: Applications, MyApplications: Applications, Applications: Applications));
        var seeding = seed.SeedCatalogueAsync();
        var starting = SiloProcess.StartAsync(connectionString, Path.Combine(options.ResultsFolder, "silo-web.log"));
        await seeding;
        await using var silo = await starting;

        using var api = new ApiClient(silo.BaseAddress);
        var userId = await api.RegisterAsync();
        var token = await api.LoginAsync();
        await seed.SeedApplicationsAsync(userId);
        await SeedEmailsAsync(dataSource, userId);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var cookie = await SignInAsync(http);
        var rounds = options.Quick ? 100 : 400;

        await CompareAsync(http, cookie, token, "/applications", "/api/applications", rounds,
            $"Applications page, page 1 of {Applications:N0} applications (status counts + page, grouped by status)", "Applications", $"\"total\":{Applications}");
        await CompareAsync(http, cookie, token, "/analytics?groupBy=template", "/api/analytics/outreach?groupBy=template", rounds,
            $"Analytics page by template, {Emails:N0} sent emails (report + 2 SVG charts + table)", "Reply rate by template", $"\"sent\":{Emails}");
    }

    private async Task CompareAsync(HttpClient http, string cookie, string token, string page, string call, int rounds, string caseText, string pageMarker, string apiMarker)
    {
        Console.WriteLine($"web: {caseText}");
        await CheckAsync(http, Page(page, cookie), pageMarker);
        await CheckAsync(http, Api(call, token), apiMarker);
        var pageTimes = new List<double>();
        var apiTimes = new List<double>();
        for (var round = 0; round < rounds + 20; round++)
        {
            var pageMs = await TimeAsync(http, Page(page, cookie));
            var apiMs = await TimeAsync(http, Api(call, token));
            if (round >= 20)
            {
                pageTimes.Add(pageMs);
                apiTimes.Add(apiMs);
            }
        }

        var baselineName = $"GET {call} (bearer token), alternating, same silo";
        var caseName = $"{caseText}, {rounds} requests each, one at a time";
        table.Add(new ResultRow(Section, caseName, "latency p50", "ms", Percentile(pageTimes, 0.5), Percentile(apiTimes, 0.5), baselineName));
        table.Add(new ResultRow(Section, caseName, "latency p90", "ms", Percentile(pageTimes, 0.9), Percentile(apiTimes, 0.9), baselineName));
        table.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Section}, {caseText}: page p50 {Percentile(pageTimes, 0.5):0.0} ms vs API p50 {Percentile(apiTimes, 0.5):0.0} ms "
            + $"(ratio {Percentile(pageTimes, 0.5) / Percentile(apiTimes, 0.5):0.00}; target ≤ 2)."));
    }

    private static HttpRequestMessage Page(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    private static HttpRequestMessage Api(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<double> TimeAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            await response.Content.CopyToAsync(Stream.Null);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}.");
            }

            return ms;
        }
    }

    private static async Task CheckAsync(HttpClient http, HttpRequestMessage request, string marker)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains(marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode} without \"{marker}\".");
            }
        }
    }

    /// <summary>Signs in through the web app's Sign in form (its antiforgery token and cookie) and returns the Cookie header to send.</summary>
    private static async Task<string> SignInAsync(HttpClient http)
    {
        using var form = await http.GetAsync("/signin");
        var html = await form.Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryToken().Match(html).Groups["token"].Value;
        var cookies = Cookies(form);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
                ["Input.Email"] = ApiClient.Email,
                ["Input.Password"] = ApiClient.Password,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        using var signedIn = await http.SendAsync(post);
        var session = Cookies(signedIn);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || !session.StartsWith("roleferry=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in through /signin answered {(int)signedIn.StatusCode} without the session cookie.");
        }

        return session;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }

    /// <summary>
    /// <see cref="Emails"/> emails of the user that left over the last 30 days: <see cref="Emails"/> / 4 contacts of one
    /// company, each in a completed 4-step sequence of one template; 5% replied, 2% bounced, the rest delivered.
    /// </summary>
    private static async Task SeedEmailsAsync(NpgsqlDataSource db, long userId)
    {
        await using var command = db.CreateCommand(
            """
            WITH app AS (
                SELECT a.id, j.company_id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.user_id = $1 ORDER BY a.id LIMIT 1
            ), template AS (
                INSERT INTO sequence_templates (user_id, is_platform, name, steps, created_at, updated_at)
                VALUES ($1, false, 'Bench intro', '[{"stepNo":1,"delayHours":0,"subject":"One","body":"1"}]', now(), now())
                RETURNING id
            ), contact AS (
                INSERT INTO contacts (user_id, company_id, full_name, email, source)
                SELECT $1, app.company_id, 'Contact ' || n, 'c' || n || '@web-bench.test', 'bench' FROM app, generate_series(1, $2 / 4) AS n
                RETURNING id
            ), sequence AS (
                INSERT INTO sequence_instances (user_id, application_id, contact_id, template_id, template_snapshot, status,
                                                current_step, total_steps, enrolled_at)
                SELECT $1, app.id, contact.id, template.id, '{"name": "Bench intro", "steps": []}', 'completed', 4, 4, now() - interval '30 days'
                FROM contact, app, template
                RETURNING id, application_id, contact_id
            )
            INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status, message_id,
                                  claimed_at, sent_at, delivered_at, replied_at, bounced_at)
            SELECT s.id, $1, s.application_id, s.contact_id, step,
                   CASE WHEN k % 20 = 0 THEN 'replied' WHEN k % 50 = 1 THEN 'bounced' ELSE 'delivered' END,
                   'web-bench-' || s.id || '-' || step || '@bench.test', at, at, at + interval '1 minute',
                   CASE WHEN k % 20 = 0 THEN at + interval '3 hours' END,
                   CASE WHEN k % 50 = 1 THEN at + interval '1 minute' END
            FROM sequence s
            CROSS JOIN generate_series(1, 4) AS step
            CROSS JOIN LATERAL (SELECT s.id * 4 + step AS k) AS kk
            CROSS JOIN LATERAL (SELECT now() - interval '29 days' + ((s.id * 4 + step) % 40000) * interval '1 minute' AS at) AS t
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = Emails });
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        await using var analyze = db.CreateCommand("VACUUM (ANALYZE) contacts, sequence_instances, outreach");
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
