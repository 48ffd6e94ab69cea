using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RoleFerry.Api.Tests.Outreach;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Telemetry;

/// <summary>
/// What an operator's Prometheus sees on a silo's <c>/metrics</c> after a real send and a reply: RoleFerry's meters
/// next to Orleans' and ASP.NET Core's.
/// </summary>
public sealed partial class MetricsAfterSendTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    [Fact]
    public async Task After_a_send_and_a_reply_metrics_shows_RoleFerrys_Orleans_and_request_metrics()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contact, recipient) = await user.NewContactAsync(job.CompanyId);
        var enrolled = await user.EnrollAsync(job.ApplicationId, contact, await user.NewTemplateAsync((0, "Hello", "Body"), (24, "Again", "Body")));
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(outreach.Clock, enrolled.Id(), s => s.StepStatuses()[0] == "sent");
        var reply = await user.Client.PostEventsAsync(OutreachApi.Event("reply", email.Header("Message-ID"), outreach.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        var response = await outreach.Anonymous().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Value(text, "roleferry_emails_sent_total") >= 1, "roleferry_emails_sent_total");
        Assert.True(Value(text, "roleferry_steps_lateness_seconds_count") >= 1, "roleferry_steps_lateness_seconds_count");
        Assert.True(Value(text, "roleferry_email_events_received_total", "event_type=\"reply\"", "outcome=\"applied\"") >= 1, "reply events");
        Assert.Contains("roleferry_steps_lateness_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("orleans_app_requests_latency", text, StringComparison.Ordinal);
        Assert.Contains("orleans_catalog_activations", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/applications/{id:long}/sequences\"", text, StringComparison.Ordinal);
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static double Value(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();
}
