using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Data.Tracking;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

public sealed class WebhookAndTrackingTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    private const string PortfolioUrl = "https://example.org/portfolio?ref=email";

    /// <summary>A sequence whose first email (with a link) left and whose second step waits a day.</summary>
    private async Task<Sent> SendFirstStepAsync()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync("Frontend Engineer");
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        var template = await user.NewTemplateAsync(
            (0, "Hi {{first_name}}", $"My work on the {{{{role}}}} side: {PortfolioUrl}\n\nThanks,\n{{{{my_name}}}}"),
            (24, "Following up", "Any thoughts?"));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(), s => s.StepStatuses()[0] == "sent");
        var outreachId = await Db.CountAsync(outreach.ConnectionString,
            "SELECT id FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", sequence.Id());
        return new Sent(user, job, contactId, sequence.Id(), email, email.Header("Message-ID"), outreachId);
    }

    private Task<long> CountEventsAsync(string eventId) =>
        Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM outreach_events WHERE event_id = $1", eventId);

    private TrackingTokenCodec Codec => outreach.Factory.Services.GetRequiredService<TrackingTokenCodec>();

    [Fact]
    public async Task A_missing_or_wrong_signature_is_401_and_applies_nothing()
    {
        var client = outreach.Anonymous();
        var eventId = $"evt-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new[] { OutreachApi.Event("delivered", "<nobody@mail.roleferry.test>", outreach.Clock.GetUtcNow(), eventId) });

        var responses = new[]
        {
            await client.PostWebhookAsync(body, null),
            await client.PostWebhookAsync(body, OutreachApi.Signature(body, "another-secret")),
            await client.PostWebhookAsync(body, OutreachApi.Signature(body + " ")),
            await client.PostWebhookAsync(body, OutreachApi.Signature(body)["sha256=".Length..]),
            await client.PostWebhookAsync(body, "sha256=not-hex"),
            await client.PostWebhookAsync(body, "sha256="),
        };

        foreach (var response in responses)
        {
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0L, await CountEventsAsync(eventId));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "not json", "body" },
        { """{"eventId":"e1","type":"reply","messageId":"m@x","timestamp":"2026-11-02T09:00:00Z"}""", "body" },
        { "null", "body" },
        { "[null]", "[0]" },
        { """[{"type":"reply","messageId":"m@x","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].eventId" },
        { """[{"eventId":"e1","type":"opened","messageId":"m@x","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].type" },
        { """[{"eventId":"e1","type":"open","messageId":"m@x","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].type" },
        { """[{"eventId":"e1","messageId":"m@x","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].type" },
        { """[{"eventId":"e1","type":"bounce","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].messageId" },
        { """[{"eventId":"e1","type":"bounce","messageId":"<>","timestamp":"2026-11-02T09:00:00Z"}]""", "[0].messageId" },
        { """[{"eventId":"e1","type":"bounce","messageId":"m@x"}]""", "[0].timestamp" },
        { """[{"eventId":"e1","type":"bounce","messageId":"m@x","timestamp":"yesterday"}]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task A_signed_but_malformed_body_is_400_naming_the_problem(string body, string field)
    {
        var response = await outreach.Anonymous().PostWebhookAsync(body, OutreachApi.Signature(body));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0L, await CountEventsAsync("e1"));
    }

    [Fact]
    public async Task A_repeated_event_id_is_ignored()
    {
        var sent = await SendFirstStepAsync();
        var eventId = $"evt-{Guid.NewGuid():N}";
        var delivered = OutreachApi.Event("delivered", sent.MessageId, outreach.Clock.GetUtcNow(), eventId);

        var first = await outreach.Anonymous().PostEventsAsync(delivered);
        var second = await outreach.Anonymous().PostEventsAsync(delivered);

        Assert.Equal(1, (await first.JsonAsync(HttpStatusCode.OK)).GetProperty("received").GetInt32());
        Assert.Equal(0, (await second.JsonAsync(HttpStatusCode.OK)).GetProperty("unmatched").GetArrayLength());
        Assert.Equal(1L, await CountEventsAsync(eventId));
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM outreach_events WHERE outreach_id = $1", sent.OutreachId));
        var sequence = await sent.User.SequenceAsync(sent.SequenceId);
        Assert.Equal(["delivered", "scheduled"], sequence.StepStatuses());
        Assert.Equal("active", sequence.Str("status"));
    }

    [Fact]
    public async Task An_event_for_a_message_that_is_not_ours_is_reported_unmatched()
    {
        var eventId = $"evt-{Guid.NewGuid():N}";

        var response = await outreach.Anonymous().PostEventsAsync(OutreachApi.Event("bounce", "<unknown@elsewhere.test>", outreach.Clock.GetUtcNow(), eventId));

        var answer = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal([eventId], answer.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_bounce_stops_the_sequence()
    {
        var sent = await SendFirstStepAsync();

        var response = await outreach.Anonymous().PostEventsAsync(
            OutreachApi.Event("bounce", sent.MessageId, outreach.Clock.GetUtcNow(), bounceType: "hard", reason: "550 5.1.1 user unknown"));

        await response.JsonAsync(HttpStatusCode.OK);
        var sequence = await sent.User.SequenceAsync(sent.SequenceId);
        Assert.Equal("stopped_bounce", sequence.Str("status"));
        Assert.Equal(["bounced", "canceled"], sequence.StepStatuses());
        var application = await (await sent.User.Client.GetAsync($"/api/applications/{sent.Job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("bounced", application.Str("replyStatus"));
        Assert.Equal(1, application.GetProperty("outreachSent").GetInt64());
    }

    [Fact]
    public async Task An_auto_reply_does_not_stop_the_sequence()
    {
        var sent = await SendFirstStepAsync();

        var response = await outreach.Anonymous().PostEventsAsync(new
        {
            eventId = $"evt-{Guid.NewGuid():N}",
            type = "auto_reply",
            messageId = $"<ooo-{Guid.NewGuid():N}@example.test>",
            inReplyTo = sent.MessageId,
            timestamp = outreach.Clock.GetUtcNow(),
        });

        Assert.Equal(0, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("unmatched").GetArrayLength());
        var sequence = await sent.User.SequenceAsync(sent.SequenceId);
        Assert.Equal("active", sequence.Str("status"));
        Assert.Equal(["sent", "scheduled"], sequence.StepStatuses());
        var application = await (await sent.User.Client.GetAsync($"/api/applications/{sent.Job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("auto_replied", application.Str("replyStatus"));
        Assert.Equal("saved", application.Str("status"));
    }

    [Fact]
    public async Task A_reply_matches_by_in_reply_to_or_by_message_id()
    {
        var byInReplyTo = await SendFirstStepAsync();
        var byMessageId = await SendFirstStepAsync();

        var response = await outreach.Anonymous().PostEventsAsync(
            new
            {
                eventId = $"evt-{Guid.NewGuid():N}",
                type = "reply",
                messageId = $"<answer-{Guid.NewGuid():N}@example.test>",
                inReplyTo = byInReplyTo.MessageId,
                timestamp = outreach.Clock.GetUtcNow(),
            },
            new
            {
                eventId = $"evt-{Guid.NewGuid():N}",
                type = "reply",
                messageId = byMessageId.MessageId,
                inReplyTo = $"<something-else-{Guid.NewGuid():N}@example.test>",
                timestamp = outreach.Clock.GetUtcNow(),
            });

        var answer = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, answer.GetProperty("received").GetInt32());
        Assert.Equal(0, answer.GetProperty("unmatched").GetArrayLength());
        Assert.Equal("stopped_reply", (await byInReplyTo.User.SequenceAsync(byInReplyTo.SequenceId)).Str("status"));
        Assert.Equal("stopped_reply", (await byMessageId.User.SequenceAsync(byMessageId.SequenceId)).Str("status"));
    }

    [Fact]
    public async Task The_open_pixel_is_a_gif_and_counts_each_open()
    {
        var sent = await SendFirstStepAsync();
        var token = sent.Email.TrackingToken('o');
        var client = outreach.Anonymous();

        var first = await client.GetAsync($"/t/o/{token}");
        var second = await client.GetAsync($"/t/o/{token}");

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("GIF89a", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()));
        }

        Assert.Equal(2, (int)(await Db.ScalarAsync(outreach.ConnectionString, "SELECT open_count FROM outreach WHERE id = $1", sent.OutreachId))!);
        Assert.NotNull(await Db.ScalarAsync(outreach.ConnectionString, "SELECT opened_at FROM outreach WHERE id = $1", sent.OutreachId));
        var unknown = await client.GetAsync($"/t/o/{Tamper(token)}");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("image/gif", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (int)(await Db.ScalarAsync(outreach.ConnectionString, "SELECT open_count FROM outreach WHERE id = $1", sent.OutreachId))!);
    }

    [Fact]
    public async Task A_click_redirects_to_the_original_link_and_a_tampered_token_is_404()
    {
        var sent = await SendFirstStepAsync();
        var token = sent.Email.TrackingToken('c');
        var html = sent.Email.DecodedBody().Split("text/html", 2)[1];
        Assert.Contains($"href=\"{OutreachFixture.PublicBaseUrl}/t/c/{token}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{PortfolioUrl}\"", html, StringComparison.Ordinal);
        var client = outreach.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var click = await client.GetAsync($"/t/c/{token}");

        Assert.Equal(HttpStatusCode.Found, click.StatusCode);
        Assert.Equal(PortfolioUrl, click.Headers.Location!.OriginalString);
        Assert.Equal(1, (int)(await Db.ScalarAsync(outreach.ConnectionString, "SELECT click_count FROM outreach WHERE id = $1", sent.OutreachId))!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/t/c/{Tamper(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/t/c/{token[..^2]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/t/c/{sent.Email.TrackingToken('o')}")).StatusCode);
        var elsewhere = Codec.Create(TrackingKind.Click, long.MaxValue, "https://evil.example/");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/t/c/{elsewhere}")).StatusCode);
        Assert.Equal(1, (int)(await Db.ScalarAsync(outreach.ConnectionString, "SELECT click_count FROM outreach WHERE id = $1", sent.OutreachId))!);
    }

    [Fact]
    public async Task The_unsubscribe_page_has_exactly_one_button_and_changes_nothing()
    {
        var sent = await SendFirstStepAsync();
        var token = sent.Email.UnsubscribeToken();
        Assert.Equal(Codec.Create(TrackingKind.Unsubscribe, sent.OutreachId), token);

        var page = await outreach.Anonymous().GetAsync($"/u/{token}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<button[\\s>]", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.Contains($"action=\"/u/{token}\"", html);
        Assert.Contains("method=\"post\"", html);
        Assert.Equal("active", (await sent.User.SequenceAsync(sent.SequenceId)).Str("status"));
        Assert.Equal(0L, await Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM outreach_events WHERE outreach_id = $1", sent.OutreachId));
        Assert.Equal(HttpStatusCode.NotFound, (await outreach.Anonymous().GetAsync($"/u/{Tamper(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outreach.Anonymous().PostAsync($"/u/{Tamper(token)}", null)).StatusCode);
    }

    [Fact]
    public async Task A_live_page_answers_200_with_its_title_and_an_unknown_slug_404()
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var slug = $"lp-{Guid.NewGuid():N}";
        await Db.ScalarAsync(outreach.ConnectionString,
            "INSERT INTO livepages (user_id, application_id, slug, title, content) VALUES ($1, $2, $3, $4, '{\"pitch\": \"Hello\"}'::jsonb)",
            user.Id, job.ApplicationId, slug, "Ada's <pitch> for Acme");
        var client = outreach.Anonymous();

        var page = await client.GetAsync($"/p/{slug}");
        var missing = await client.GetAsync($"/p/lp-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Ada&#39;s &lt;pitch&gt; for Acme</title>", html);
        Assert.DoesNotContain("<pitch>", html);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString,
            "SELECT count(*) FROM livepage_views v JOIN livepages p ON p.id = v.livepage_id WHERE p.slug = $1", slug));
    }

    /// <summary>The token with one character in the middle changed.</summary>
    private static string Tamper(string token)
    {
        var i = token.Length / 2;
        return token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
    }

    private sealed record Sent(TestUser User, TrackedJob Job, long ContactId, long SequenceId, SinkMessage Email, string MessageId, long OutreachId);
}
