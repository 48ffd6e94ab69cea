using RoleFerry.Grains.Sequences;
using RoleFerry.Testing;
using Xunit.Abstractions;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// Every send asks whether its contact ever replied, twice (the context read and the claim). With 20,000 emails
/// sent since the table's statistics were taken (a burst sends faster than autovacuum analyzes), both statements
/// answer it through the small partial index of replied rows (<c>outreach_contact_replied_idx</c>), not by scanning
/// the index of every email that left (<c>outreach_user_left_idx</c>, which the statistics show as empty: what
/// PostgreSQL chose before migration 0012, at a cost growing with every step sent). The plans are printed.
/// </summary>
public sealed class RepliedProbePlanTests(ITestOutputHelper output) : OutreachTest
{
    private const int SentEmails = 20_000;

    [Fact]
    public async Task The_context_read_and_the_claim_probe_the_replied_index_however_many_emails_left()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((24, "One", "1"));
        var (contact, email) = await AddContactAsync();
        var sequence = await EnrollAsync(contact, template);
        await Seed.ExecuteAsync(
            """
            WITH contact AS (
                INSERT INTO contacts (user_id, company_id, full_name, email, source)
                SELECT $1, $2, 'Contact ' || n, 'c' || n || '-' || $1 || '@plan.test', 'test' FROM generate_series(1, $5) AS n
                RETURNING id
            ), sequence AS (
                INSERT INTO sequence_instances (user_id, application_id, contact_id, template_id, template_snapshot, status,
                                                current_step, total_steps, enrolled_at)
                SELECT $1, $3, id, $4, '{"name": "Plan", "steps": []}', 'completed', 1, 1, now() FROM contact
                RETURNING id, contact_id
            )
            INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status)
            SELECT id, $1, $3, contact_id, 1, 'scheduled' FROM sequence
            """,
            UserId, CompanyId, ApplicationId, template, SentEmails);
        foreach (var table in new[] { "outreach", "contacts", "sequence_instances" })
        {
            await Seed.ExecuteAsync($"VACUUM ANALYZE {table}");
        }

        // The statistics say no email has left yet (as in a burst that sends faster than autovacuum analyzes).
        await Seed.ExecuteAsync(
            """
            UPDATE outreach SET status = CASE WHEN id % 100 = 0 THEN 'replied' ELSE 'sent' END, message_id = 'plan-' || id || '@plan.test',
                                claimed_at = now(), sent_at = now(), replied_at = CASE WHEN id % 100 = 0 THEN now() END
            WHERE user_id = $1 AND sequence_instance_id <> $2
            """,
            UserId, sequence.Id);

        var contextPlan = await ExplainAsync(SequenceOutreachStore.ContextSql, new[] { sequence.Id }, new[] { 1 });
        var claimPlan = await ExplainAsync(
            SequenceOutreachStore.ClaimSql,
            new[] { sequence.Id }, new[] { 1 }, new[] { DateTime.UtcNow }, new[] { 0L }, new[] { email },
            new[] { "One" }, new[] { "1" }, new[] { "<p>1</p>" }, new[] { "plan-probe@plan.test" });

        Assert.Contains("outreach_contact_replied_idx", contextPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("outreach_user_left_idx", contextPlan, StringComparison.Ordinal);
        Assert.Contains("outreach_contact_replied_idx", claimPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("outreach_user_left_idx", claimPlan, StringComparison.Ordinal);
    }

    /// <summary>EXPLAIN without ANALYZE: the claim is an UPDATE, and only its plan is wanted.</summary>
    private async Task<string> ExplainAsync(string sql, params object[] parameters)
    {
        var plan = await QueryPlan.ReadAsync(Db, "EXPLAIN", sql, parameters);
        output.WriteLine(plan);
        return plan;
    }
}
