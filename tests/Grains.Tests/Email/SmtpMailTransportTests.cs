using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Data.Tracking;
using RoleFerry.Grains.Templates;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>Against the real SMTP server ./test.sh starts (tests/smtp/roleferry_smtp.py).</summary>
public sealed class SmtpMailTransportTests : IAsyncLifetime
{
    private const string Template = "Hi {{first_name}},\n\nI saw the {{role}} role: https://example.test/jobs?id=7&ref=rf\n\nThanks,\n{{my_name}}";
    private readonly TrackingTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));
    private readonly EmailOptions _options = new() { PublicBaseUrl = "https://roleferry.test", SendTimeout = TimeSpan.FromSeconds(10) };
    private readonly SmtpMailTransport _transport;
    private readonly EmailComposer _composer;

    public SmtpMailTransportTests()
    {
        _transport = new SmtpMailTransport(Options.Create(_options), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);
        _composer = new EmailComposer(Options.Create(_options), _codec);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private static SmtpSettings Mailbox(string username = "mbx1-login") =>
        new("mbx1@mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, username, TestSecrets.Seal("s3cret-password"), UseTls: false);

    private static string Address(string prefix) => $"{prefix}{Guid.NewGuid():N}@example.test";

    private OutgoingEmail Compose(string to, long outreachId = 901)
    {
        var values = new Dictionary<string, string>
        {
            ["first_name"] = "<script>alert(1)</script>",
            ["role"] = "Data Engineer",
            ["my_name"] = "Jamie Séeker",
        };
        return _composer.Compose(new ComposeRequest(
            outreachId,
            "mbx1@mail.roleferry.test",
            to,
            "jamie@seeker.test",
            "Jamie Séeker",
            TemplateRenderer.Render("Quick advice on {{role}}? Café ☕", values),
            TemplateRenderer.Render(Template, values),
            TemplateRenderer.RenderHtml(Template, values),
            ToName: "Alex Helper"));
    }

    [Fact]
    public async Task A_composed_email_arrives_with_its_headers_and_both_parts()
    {
        var to = Address("ok-");
        var email = Compose(to);

        var outcome = await _transport.SendAsync(Mailbox(), email, CancellationToken.None);

        Assert.Equal(new SendOutcome(SendOutcomeKind.Sent, null, $"accepted by {SmtpSink.Host}:{SmtpSink.Port}"), outcome);
        var received = Assert.Single(await SmtpSink.WaitForAsync(to, 1));
        Assert.Equal([to], received.Recipients);
        Assert.Equal("mbx1@mail.roleferry.test", received.Header("X-MailFrom"));
        Assert.Equal("mbx1-login", received.Header("X-AuthUser"));
        Assert.Equal($"<{email.MessageId}>", received.Header("Message-ID"));
        Assert.Contains("=?utf-8?", received.Header("From"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Jamie Séeker <mbx1@mail.roleferry.test>", MimeMessageReader.DecodeHeader(received.Header("From")));
        Assert.Equal("Alex Helper <" + to + ">", received.Header("To"));
        Assert.Equal("Jamie Séeker <jamie@seeker.test>", MimeMessageReader.DecodeHeader(received.Header("Reply-To")));
        Assert.Equal("Quick advice on Data Engineer? Café ☕", MimeMessageReader.DecodeHeader(received.Header("Subject")));
        Assert.Equal(email.Headers["List-Unsubscribe"], received.Header("List-Unsubscribe"));
        Assert.Matches("^<https://roleferry\\.test/u/[A-Za-z0-9_-]+>, <mailto:unsubscribe@roleferry\\.local\\?subject=unsubscribe-[A-Za-z0-9_-]+>$", received.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", received.Header("List-Unsubscribe-Post"));
        Assert.StartsWith("multipart/alternative;", received.Header("Content-Type"));

        var parts = MimeMessageReader.TextParts(received.Raw);
        Assert.Equal(["text/plain", "text/html"], parts.Keys);
        Assert.Equal(email.TextBody.ReplaceLineEndings("\r\n"), parts["text/plain"]);
        Assert.Equal(email.HtmlBody.ReplaceLineEndings("\r\n"), parts["text/html"]);
        Assert.StartsWith("Hi <script>alert(1)</script>,\r\n\r\nI saw the Data Engineer role: https://example.test/jobs?id=7&ref=rf\r\n", parts["text/plain"]);
        Assert.Contains("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;,</p>", parts["text/html"]);
        Assert.DoesNotContain("<script>", parts["text/html"]);
        Assert.DoesNotContain("href=\"https://example.test", parts["text/html"]);
        var click = _codec.Create(TrackingKind.Click, 901, "https://example.test/jobs?id=7&ref=rf");
        Assert.Contains($"<a href=\"https://roleferry.test/t/c/{click}\">https://example.test/jobs?id=7&amp;ref=rf</a>", parts["text/html"]);
        Assert.Contains($"<img src=\"https://roleferry.test/t/o/{_codec.Create(TrackingKind.Open, 901)}\" width=\"1\" height=\"1\" alt=\"\">", parts["text/html"]);
        Assert.Contains($"Unsubscribe: https://roleferry.test/u/{_codec.Create(TrackingKind.Unsubscribe, 901)}", parts["text/plain"]);
    }

    [Fact]
    public async Task Without_a_username_the_mailbox_sends_unauthenticated()
    {
        var to = Address("ok-");

        var outcome = await _transport.SendAsync(Mailbox(username: ""), Compose(to), CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var received = Assert.Single(await SmtpSink.WaitForAsync(to, 1));
        Assert.Equal("", received.Header("X-AuthUser"));
    }

    [Fact]
    public async Task An_unknown_recipient_is_a_permanent_hard_bounce()
    {
        var to = Address("reject-");

        var outcome = await _transport.SendAsync(Mailbox(), Compose(to), CancellationToken.None);

        Assert.Equal(
            new SendOutcome(SendOutcomeKind.PermanentFailure, 550, $"550 5.1.1 <{to}>: Recipient address rejected: User unknown", IsHardBounce: true),
            outcome);
        Assert.Empty(SmtpSink.MessagesTo(to));
    }

    [Fact]
    public async Task A_421_is_transient_and_the_retry_is_delivered()
    {
        var to = Address("tempfail-");
        var email = Compose(to);

        var first = await _transport.SendAsync(Mailbox(), email, CancellationToken.None);
        var second = await _transport.SendAsync(Mailbox(), email, CancellationToken.None);

        Assert.Equal(new SendOutcome(SendOutcomeKind.TransientFailure, 421, "421 4.7.0 Try again later"), first);
        Assert.Equal(SendOutcomeKind.Sent, second.Kind);
        var received = Assert.Single(await SmtpSink.WaitForAsync(to, 1));
        Assert.Equal($"<{email.MessageId}>", received.Header("Message-ID"));
    }

    [Fact]
    public async Task A_421_every_time_stays_transient()
    {
        var to = Address("tempfail3-");

        var first = await _transport.SendAsync(Mailbox(), Compose(to), CancellationToken.None);
        var second = await _transport.SendAsync(Mailbox(), Compose(to), CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, first.Kind);
        Assert.Equal(SendOutcomeKind.TransientFailure, second.Kind);
        Assert.Empty(SmtpSink.MessagesTo(to));
    }

    [Fact]
    public async Task A_554_at_data_is_permanent_but_not_a_bounce()
    {
        var to = Address("fail5-");

        var outcome = await _transport.SendAsync(Mailbox(), Compose(to), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendOutcomeKind.PermanentFailure, 554, "554 5.7.1 Message rejected"), outcome);
        Assert.Empty(SmtpSink.MessagesTo(to));
    }
}
