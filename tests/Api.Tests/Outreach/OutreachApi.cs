using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>Arranging outreach through the API, signing webhook bodies and reading what reached the SMTP sink.</summary>
public static partial class OutreachApi
{
    /// <summary>Any day, any time: steps of templates with this window leave as soon as they are due.</summary>
    public static readonly object AnyTime = new { days = new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }, start = "00:00", end = "24:00" };

    public static object MailboxRequest(string? email = null, string password = "smtp-secret-value", bool warmupEnabled = false) => new
    {
        email = email ?? $"sender-{Guid.NewGuid():N}@mail.roleferry.test",
        domain = "mail.roleferry.test",
        smtpHost = SmtpSink.Host,
        smtpPort = SmtpSink.Port,
        smtpUsername = "sender",
        smtpPassword = password,
        useTls = false,
        dailyCap = 50,
        warmupEnabled,
        minGapSeconds = 0,
    };

    /// <summary>A unique recipient address, so the sink can be asserted per test.</summary>
    public static string NewRecipient(string prefix = "alex") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Company → job → application (status saved), all through the API.</summary>
    public static async Task<TrackedJob> NewApplicationAsync(this TestUser user, string title = "Backend Engineer")
    {
        var companyName = "Acme " + Guid.NewGuid().ToString("N")[..6];
        var company = await user.Client.NewCompanyAsync(companyName);
        var job = await user.Client.NewJobAsync(company.Id(), title, "We build APIs.");
        var application = await (await user.Client.PostJsonAsync("/api/applications", new { jobId = job.Id() })).JsonAsync(HttpStatusCode.Created);
        return new TrackedJob(company.Id(), companyName, job.Id(), title, application.Id());
    }

    public static async Task<(long Id, string Email)> NewContactAsync(this TestUser user, long companyId, string? email = null, string fullName = "Alex Helper")
    {
        email ??= NewRecipient();
        var response = await user.Client.PostJsonAsync("/api/contacts", new { companyId, fullName, email, source = "manual" });
        return ((await response.JsonAsync(HttpStatusCode.Created)).Id(), email);
    }

    /// <summary>A template of the user's with these steps, sendable at any time.</summary>
    public static async Task<long> NewTemplateAsync(this TestUser user, params (double DelayHours, string Subject, string Body)[] steps)
    {
        var response = await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = $"Template {Guid.NewGuid():N}",
            steps = steps.Select((s, i) => new { stepNo = i + 1, delayHours = s.DelayHours, subject = s.Subject, body = s.Body }),
            sendingWindow = AnyTime,
        });
        return (await response.JsonAsync(HttpStatusCode.Created)).Id();
    }

    public static async Task<long> PlatformTemplateIdAsync(this TestUser user, string name)
    {
        var templates = await (await user.Client.GetAsync("/api/sequence-templates?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        return templates.Items().Single(t => t.Str("name") == name && t.GetProperty("isPlatform").GetBoolean()).Id();
    }

    public static Task<HttpResponseMessage> PostEnrollAsync(this TestUser user, long applicationId, long contactId, long templateId, object? variables = null) =>
        user.Client.PostJsonAsync($"/api/applications/{applicationId}/sequences", new { contactId, templateId, variables = variables ?? new { } });

    public static async Task<JsonElement> EnrollAsync(this TestUser user, long applicationId, long contactId, long templateId, object? variables = null) =>
        await (await user.PostEnrollAsync(applicationId, contactId, templateId, variables)).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> SequenceAsync(this TestUser user, long sequenceId) =>
        await (await user.Client.GetAsync($"/api/sequences/{sequenceId}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>
    /// The sequence once the silo settled (the test clock's barrier, on Orleans' timer and reminder events: no tick
    /// or timer busy, the send gates idle), which must satisfy <paramref name="reached"/>. An email reaches the SMTP
    /// server before the grain records it, so a test that moves the clock after an email waits here first.
    /// </summary>
    public static async Task<JsonElement> WaitForSequenceAsync(this TestUser user, TestClock clock, long sequenceId, Func<JsonElement, bool> reached)
    {
        await clock.SettleAsync();
        var sequence = await user.SequenceAsync(sequenceId);
        Assert.True(reached(sequence), $"Sequence {sequenceId} did not reach the expected state once the silo settled: {sequence}");
        return sequence;
    }

    public static IReadOnlyList<string> StepStatuses(this JsonElement sequence) =>
        sequence.GetProperty("steps").EnumerateArray().Select(s => s.Str("status")).ToList();

    public static string Signature(string body, string secret = OutreachFixture.WebhookSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>POSTs <paramref name="body"/> to the webhook with the given signature header (none when null).</summary>
    public static Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/email-events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-RoleFerry-Signature", signature);
        }

        return client.SendAsync(request);
    }

    /// <summary>POSTs these events, correctly signed.</summary>
    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, params object[] events)
    {
        var body = JsonSerializer.Serialize(events);
        return client.PostWebhookAsync(body, Signature(body));
    }

    /// <summary>One webhook event about <paramref name="messageId"/>, with a fresh event id unless one is given.</summary>
    public static object Event(string type, string messageId, DateTimeOffset at, string? eventId = null, string? bounceType = null, string? reason = null) => new
    {
        eventId = eventId ?? $"evt-{Guid.NewGuid():N}",
        type,
        messageId,
        timestamp = at,
        bounceType,
        reason,
    };

    /// <summary>
    /// Waits on the SMTP sink's file events until <paramref name="count"/> messages reached <paramref name="recipient"/>:
    /// up to a minute (the sink gives up after 10 s per wait; a loaded machine may need longer).
    /// </summary>
    public static async Task<IReadOnlyList<SinkMessage>> WaitForEmailsAsync(string recipient, int count)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SmtpSink.WaitForAsync(recipient, count);
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }

    /// <summary>The token of the https half of <c>List-Unsubscribe: &lt;https://.../u/{token}&gt;, &lt;mailto:...&gt;</c>.</summary>
    public static string UnsubscribeToken(this SinkMessage message)
    {
        var match = UnsubscribeLink().Match(message.Header("List-Unsubscribe"));
        Assert.True(match.Success, $"no https unsubscribe link in List-Unsubscribe: {message.Header("List-Unsubscribe")}");
        return match.Groups["token"].Value;
    }

    /// <summary>The message body with its quoted-printable encoding undone (soft line breaks joined, =XX decoded).</summary>
    public static string DecodedBody(this SinkMessage message)
    {
        var text = message.Body.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The token of the first <c>{base}/t/{kind}/{token}</c> link in the body (kind o = open pixel, c = click).</summary>
    public static string TrackingToken(this SinkMessage message, char kind)
    {
        var match = Regex.Match(message.DecodedBody(), $@"{Regex.Escape(OutreachFixture.PublicBaseUrl)}/t/{kind}/(?<token>[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"no /t/{kind}/ link in the message");
        return match.Groups["token"].Value;
    }

    [GeneratedRegex(@"<https://roleferry\.test/u/(?<token>[A-Za-z0-9_-]+)>")]
    private static partial Regex UnsubscribeLink();
}
