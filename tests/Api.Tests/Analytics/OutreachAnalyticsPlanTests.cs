using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using RoleFerry.Api.Analytics;
using RoleFerry.Api.Tests.Outreach;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;
using Xunit.Abstractions;

namespace RoleFerry.Api.Tests.Analytics;

/// <summary>
/// <c>GET /api/analytics/outreach</c> for a user with 10,000 sent emails (seeded set-based, in a table that also holds
/// another user's 90,000): the plan reads the caller's rows through <c>outreach_user_left_idx</c> (an index-only range
/// scan that touches no heap page once the table is vacuumed). The plan and the timings are printed; the time itself is
/// measured by ./bench.sh, not asserted here (a timed assertion fails on a busy machine, not on a slow query).
/// </summary>
public sealed partial class OutreachAnalyticsPlanTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Emails = 10_000;
    private const int OtherEmails = 90_000;

    [Fact]
    public async Task Ten_thousand_sent_emails_are_summed_through_an_index_only_scan()
    {
        var user = await api.NewUserAsync();
        var other = await api.NewUserAsync();
        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-30);
        await SeedAsync(user, from, Emails);
        await SeedAsync(other, from, OtherEmails);
        await using var db = NpgsqlDataSource.Create(api.Factory.ConnectionString);
        foreach (var table in new[] { "outreach", "outreach_events", "sequence_instances", "contacts" })
        {
            await using var vacuum = db.CreateCommand($"VACUUM ANALYZE {table}");
            await vacuum.ExecuteNonQueryAsync();
        }

        string plan = "";
        var best = TimeSpan.MaxValue;
        foreach (var groupBy in new[] { "template", "template", "template", "template", "template", "day", "step" })
        {
            var text = await QueryPlan.ReadAsync(db, "EXPLAIN (ANALYZE, BUFFERS)", OutreachAnalytics.Sql, user.Id, from, to, groupBy);
            var took = TimeSpan.FromMilliseconds(double.Parse(ExecutionTime().Match(text).Groups["ms"].Value, CultureInfo.InvariantCulture));
            output.WriteLine($"groupBy={groupBy}: {took.TotalMilliseconds:0.0} ms");
            if (groupBy == "template" && took < best)
            {
                best = took;
                plan = text;
            }
        }

        output.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), groupBy=template, best of 5 ({Emails} sent emails of the caller, {OtherEmails} of another user):");
        output.WriteLine(plan);
        Assert.Contains("outreach_user_left_idx", plan, StringComparison.Ordinal);
        Assert.Contains("Index Only Scan using outreach_user_left_idx", plan, StringComparison.Ordinal);
        Assert.Contains("Heap Fetches: 0", plan, StringComparison.Ordinal);

        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var answer = default(System.Text.Json.JsonElement);
        var timings = new List<double>();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            var watch = Stopwatch.StartNew();
            answer = await (await user.Client.GetAsync($"/api/analytics/outreach?{range}&groupBy=template")).JsonAsync(HttpStatusCode.OK);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"GET /api/analytics/outreach?groupBy=template over HTTP (in-process test server), 5 calls: {string.Join(", ", timings.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
        var totals = answer.GetProperty("totals");
        Assert.Equal(Emails, totals.GetProperty("sent").GetInt64());
        Assert.Equal(Emails * 4 / 10, totals.GetProperty("opened").GetInt64());
        Assert.Equal(Emails / 20, totals.GetProperty("replied").GetInt64());
        Assert.Equal(Emails / 50, totals.GetProperty("bounced").GetInt64());
        Assert.Equal(Emails * 3 / 100, totals.GetProperty("autoReplied").GetInt64());
        Assert.Equal(Emails / 100, totals.GetProperty("unsubscribed").GetInt64());
        Assert.Equal(0.05, totals.GetProperty("replyRate").GetDouble());
        Assert.Equal(0.02, totals.GetProperty("bounceRate").GetDouble());
        Assert.Equal(Emails, Assert.Single(answer.GetProperty("groups").EnumerateArray()).GetProperty("sent").GetInt64());
    }

    /// <summary>
    /// <paramref name="emails"/> / 4 contacts, each in a completed 4-step sequence of one template: emails that left over
    /// the 30 days from <paramref name="from"/>; 90% delivered, 40% opened (twice each), 10% clicked, 5% replied,
    /// 2% bounced, 3% auto-replied, 1% unsubscribed.
    /// </summary>
    private async Task SeedAsync(TestUser user, DateTimeOffset from, int emails)
    {
        var job = await user.NewApplicationAsync();
        var template = await user.NewTemplateAsync((0, "One", "1"), (24, "Two", "2"), (24, "Three", "3"), (24, "Four", "4"));
        await Db.ScalarAsync(api.Factory.ConnectionString,
            """
            WITH contact AS (
                INSERT INTO contacts (user_id, company_id, full_name, email, source)
                SELECT $1, $2, 'Contact ' || n, 'c' || n || '-' || $1 || '@bench.test', 'bench' FROM generate_series(1, $5 / 4) AS n
                RETURNING id
            ), sequence AS (
                INSERT INTO sequence_instances (user_id, application_id, contact_id, template_id, template_snapshot, status,
                                                current_step, total_steps, enrolled_at)
                SELECT $1, $3, id, $4, '{"name": "Bench", "steps": []}', 'completed', 4, 4, $6 FROM contact
                RETURNING id
            )
            SELECT count(*) FROM sequence
            """,
            user.Id, job.CompanyId, job.ApplicationId, template, emails, from);
        await Db.ScalarAsync(api.Factory.ConnectionString,
            """
            INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status, message_id,
                                  claimed_at, sent_at, delivered_at, opened_at, clicked_at, replied_at, bounced_at, open_count, click_count)
            SELECT si.id, $1, $2, si.contact_id, step,
                   CASE WHEN k % 20 = 0 THEN 'replied' WHEN k % 50 = 1 THEN 'bounced' ELSE 'delivered' END,
                   'bench-' || si.id || '-' || step || '@bench.test', at, at,
                   CASE WHEN k % 10 <> 9 THEN at + interval '1 minute' END,
                   CASE WHEN k % 5 IN (2, 3) THEN at + interval '1 hour' END,
                   CASE WHEN k % 10 = 2 THEN at + interval '2 hours' END,
                   CASE WHEN k % 20 = 0 THEN at + interval '3 hours' END,
                   CASE WHEN k % 50 = 1 THEN at + interval '1 minute' END,
                   CASE WHEN k % 5 IN (2, 3) THEN 2 ELSE 0 END,
                   CASE WHEN k % 10 = 2 THEN 1 ELSE 0 END
            FROM sequence_instances si
            CROSS JOIN generate_series(1, 4) AS step
            CROSS JOIN LATERAL (SELECT (si.id * 4 + step) AS k) AS kk
            CROSS JOIN LATERAL (SELECT $3::timestamptz + ((si.id * 4 + step) % 43200) * interval '1 minute' AS at) AS t
            WHERE si.user_id = $1
            """,
            user.Id, job.ApplicationId, from);
        await Db.ScalarAsync(api.Factory.ConnectionString,
            """
            INSERT INTO outreach_events (event_id, outreach_id, message_id, type, occurred_at)
            SELECT 'bench-' || o.id || '-' || kind, o.id, o.message_id, kind, o.claimed_at + interval '4 hours'
            FROM outreach o
            CROSS JOIN LATERAL (SELECT o.sequence_instance_id * 4 + o.step_no AS k) AS kk
            CROSS JOIN LATERAL (VALUES ('open'), ('auto_reply'), ('unsubscribe')) AS e (kind)
            WHERE o.user_id = $1
              AND ((kind = 'open' AND k % 5 IN (2, 3)) OR (kind = 'auto_reply' AND k % 100 IN (5, 6, 7)) OR (kind = 'unsubscribe' AND k % 100 = 8))
            """,
            user.Id);
    }

    [GeneratedRegex(@"Execution Time: (?<ms>[0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
