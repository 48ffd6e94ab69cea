using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// A user with rows in every table a user owns, made the way the product makes them (API calls, real sends,
/// webhook and tracking events, the user grain's wallet, a mistyped password) and, for the tables no route writes yet (personas, notes,
/// contact sources, enrichment logs, LivePages and their views, resume files, resume versions, cover letters and
/// their templates) or that only the IMAP reader writes (the inbox; this
/// fixture reads no mailbox), by SQL. Every text the user typed carries
/// <see cref="Marker"/>, so a test can look for it anywhere in the database.
/// </summary>
public sealed record AccountSeed(
    TestUser User,
    string Marker,
    long ApplicationId,
    long ActiveSequenceId,
    IReadOnlyList<long> SequenceIds,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<string> ContactEmails)
{
    public static async Task<AccountSeed> CreateAsync(OutreachFixture outreach)
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..12];
        var user = await outreach.NewUserAsync($"erin-{marker}@example.com");
        var client = user.Client;
        var db = outreach.ConnectionString;
        await outreach.NewMailboxAsync();
        // A mistyped password: a login failure counted for the account.
        await (await outreach.Anonymous().PostJsonAsync("/api/auth/login", new { email = user.Email, password = "mistyped password" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PatchJsonAsync("/api/me", new { fullName = $"Erin {marker}", timezone = "Europe/Paris" })).JsonAsync(HttpStatusCode.OK);
        await (await client.PutAsJsonAsync("/api/me/resume", new
        {
            roles = new[] { new { title = "Engineer", company = $"Resume Co {marker}", tenure = "3y" } },
            keyMetrics = new[] { "p99 down 40%" },
            accomplishments = new[] { marker },
            skills = new[] { "postgresql" },
            rawText = $"resume of {marker}",
        })).JsonAsync(HttpStatusCode.OK);
        await (await client.PutAsJsonAsync("/api/me/preferences", new
        {
            values = new[] { marker }, roleTypes = new[] { "backend" }, locations = new[] { "Paris" }, remoteOk = true,
            roleLevels = new[] { "senior" }, companySizes = new[] { "11-50" }, industries = new[] { "software" },
            skills = new[] { "csharp" }, hiddenCompanies = new[] { "initech" }, minSalary = 1, maxSalary = 2,
        })).JsonAsync(HttpStatusCode.OK);

        var job = await user.NewApplicationAsync();
        await (await client.PatchJsonAsync($"/api/applications/{job.ApplicationId}", new { notes = $"notes {marker}" })).JsonAsync(HttpStatusCode.OK);
        var dropped = await user.NewApplicationAsync("Dropped Role");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/applications/{dropped.ApplicationId}")).StatusCode);
        await (await client.PostJsonAsync($"/api/applications/{job.ApplicationId}/interviews",
            new { scheduledAt = outreach.Clock.UtcNow.AddDays(20), kind = "onsite", notes = $"interview {marker}" })).JsonAsync(HttpStatusCode.Created);

        var template = await user.NewTemplateAsync((0, $"Hello {marker}", "Hi {{first_name}}, see https://example.org/" + marker), (24, "Again", "Again"));
        var waiting = await user.NewTemplateAsync((48, $"Later {marker}", "Later"));
        var (replier, replierEmail) = await user.NewContactAsync(job.CompanyId, $"replier-{marker}@example.test", $"Rae {marker}");
        var (leaver, leaverEmail) = await user.NewContactAsync(job.CompanyId, $"leaver-{marker}@example.test", $"Lee {marker}");
        var (pending, pendingEmail) = await user.NewContactAsync(job.CompanyId, $"pending-{marker}@example.test", $"Pat {marker}");
        var (optedOut, _) = await user.NewContactAsync(job.CompanyId, $"opted-out-{marker}@example.test", $"Oli {marker}");
        await (await client.PostAsync($"/api/contacts/{optedOut}/opt-out", null)).JsonAsync(HttpStatusCode.OK);
        var replied = await user.EnrollAsync(job.ApplicationId, replier, template);
        var unsubscribed = await user.EnrollAsync(job.ApplicationId, leaver, template);
        var active = await user.EnrollAsync(job.ApplicationId, pending, waiting);
        var toReplier = Assert.Single(await OutreachApi.WaitForEmailsAsync(replierEmail, 1));
        var toLeaver = Assert.Single(await OutreachApi.WaitForEmailsAsync(leaverEmail, 1));
        await user.WaitForSequenceAsync(outreach.Clock, replied.Id(), s => s.StepStatuses()[0] == "sent");
        await user.WaitForSequenceAsync(outreach.Clock, unsubscribed.Id(), s => s.StepStatuses()[0] == "sent");

        var anonymous = outreach.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/t/o/{toReplier.TrackingToken('o')}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/u/{toLeaver.UnsubscribeToken()}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        await (await client.PostEventsAsync(OutreachApi.Event("reply", toReplier.Header("Message-ID"), outreach.Clock.UtcNow))).JsonAsync(HttpStatusCode.OK);
        var grains = outreach.Factory.Services.GetRequiredService<IGrainFactory>();
        Assert.True((await grains.GetGrain<IUserGrain>(user.Id).ChangeCreditsAsync(25, "signup_grant", $"grant:{marker}")).Applied);

        var contactId = replier;
        await Db.ScalarAsync(db,
            """
            WITH persona AS (
                INSERT INTO personas (user_id, name, titles) VALUES ($1, 'Persona ' || $3, '{CTO}') RETURNING id
            ), note AS (
                INSERT INTO notes (user_id, application_id, contact_id, body) VALUES ($1, $2, $4, 'note ' || $3) RETURNING id
            ), source AS (
                INSERT INTO contact_sources (contact_id, source, url) VALUES ($4, 'linkedin', 'https://linkedin.example/' || $3) RETURNING id
            ), enrichment AS (
                INSERT INTO enrichment_logs (contact_id, provider, status, payload)
                VALUES ($4, 'hunter', 'success', jsonb_build_object('q', $3)) RETURNING id
            ), page AS (
                INSERT INTO livepages (user_id, application_id, contact_id, slug, title)
                VALUES ($1, $2, $4, 'lp-' || $3, 'Page ' || $3) RETURNING id
            ), view AS (
                INSERT INTO livepage_views (livepage_id, event_id, user_agent) SELECT id, 'view-' || $3, 'agent ' || $3 FROM page RETURNING id
            ), inbox AS (
                INSERT INTO inbox_messages (user_id, contact_id, message_id, kind, from_address, subject, snippet, text_body, received_at)
                VALUES ($1, $4, 'inbound-' || $3 || '@example.test', 'reply', $5, 'Re: Hello ' || $3, 'reply ' || $3,
                        'reply ' || $3, now())
                RETURNING id
            ), file AS (
                INSERT INTO resume_files (user_id, file_name, content_type, size_bytes, content, parsing_status)
                VALUES ($1, 'resume-' || $3 || '.pdf', 'application/pdf', octet_length(convert_to($3, 'UTF8')), convert_to($3, 'UTF8'), 'parsed')
                RETURNING id
            ), version AS (
                INSERT INTO resume_versions (user_id, application_id, summary) VALUES ($1, $2, 'summary ' || $3) RETURNING id
            ), letter_template AS (
                INSERT INTO cover_letter_templates (user_id, name, body) VALUES ($1, 'Letter ' || $3, 'Dear {{hiring_manager}}, ' || $3) RETURNING id
            ), letter AS (
                INSERT INTO cover_letters (user_id, application_id, template_id, body)
                SELECT $1, $2, id, 'letter ' || $3 FROM letter_template RETURNING id
            ), reads AS (
                INSERT INTO notification_reads (notification_id, user_id, read_at)
                SELECT id, $1, now() FROM notifications WHERE user_id = $1 RETURNING notification_id
            )
            SELECT (SELECT count(*) FROM persona) + (SELECT count(*) FROM note) + (SELECT count(*) FROM source)
                 + (SELECT count(*) FROM enrichment) + (SELECT count(*) FROM view) + (SELECT count(*) FROM inbox)
                 + (SELECT count(*) FROM reads) + (SELECT count(*) FROM file) + (SELECT count(*) FROM version)
                 + (SELECT count(*) FROM letter)
            """,
            user.Id, job.ApplicationId, marker, contactId, replierEmail);

        var messageIds = new[] { toReplier.Header("Message-ID").Trim('<', '>'), toLeaver.Header("Message-ID").Trim('<', '>') };
        return new AccountSeed(user, marker, job.ApplicationId, active.Id(), [replied.Id(), unsubscribed.Id(), active.Id()], messageIds,
            [replierEmail, leaverEmail, pendingEmail]);
    }
}
