using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Grains.Tests.Email;

public sealed class EmailComposerTests
{
    private const long OutreachId = 4711;
    private readonly TrackingTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));
    private readonly EmailComposer _composer;

    public EmailComposerTests()
    {
        _composer = new EmailComposer(Options.Create(new EmailOptions { PublicBaseUrl = "https://roleferry.test/" }), _codec);
    }

    private static ComposeRequest Request(string subject = "Quick advice?", string text = "Hi Alex,\n\nThanks", string html = "<p>Hi Alex,</p>") =>
        new(OutreachId, "mbx1@Mail.RoleFerry.test", "alex@acme.test", "jamie@seeker.test", "Jamie Seeker", subject, text, html, ToName: "Alex Helper");

    [Fact]
    public void Addresses_leave_from_the_mailbox_in_the_users_name_with_the_user_as_reply_to()
    {
        var email = _composer.Compose(Request());

        Assert.Equal("mbx1@Mail.RoleFerry.test", email.FromAddress);
        Assert.Equal("Jamie Seeker", email.FromName);
        Assert.Equal("alex@acme.test", email.ToAddress);
        Assert.Equal("Alex Helper", email.ToName);
        Assert.Equal("jamie@seeker.test", email.ReplyToAddress);
        Assert.Equal("Jamie Seeker", email.ReplyToName);
    }

    [Fact]
    public void The_message_id_is_random_at_the_sending_domain_and_bare()
    {
        var first = _composer.Compose(Request()).MessageId;
        var second = _composer.Compose(Request()).MessageId;

        Assert.Matches("^[0-9a-f]{32}@mail\\.roleferry\\.test$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void List_unsubscribe_offers_https_and_mailto_with_one_click_post()
    {
        var email = _composer.Compose(Request());
        var token = _codec.Create(TrackingKind.Unsubscribe, OutreachId);

        Assert.Equal(2, email.Headers.Count);
        Assert.Equal(
            $"<https://roleferry.test/u/{token}>, <mailto:unsubscribe@roleferry.local?subject=unsubscribe-{token}>",
            email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public void The_text_part_ends_with_an_unsubscribe_line()
    {
        var email = _composer.Compose(Request(text: "Hi Alex,\r\n\r\nThanks\r\n\r\n"));
        var token = _codec.Create(TrackingKind.Unsubscribe, OutreachId);

        Assert.Equal($"Hi Alex,\n\nThanks\n\n--\nDon't want these emails? Unsubscribe: https://roleferry.test/u/{token}\n", email.TextBody);
    }

    [Fact]
    public void The_html_part_gets_tracked_links_an_unsubscribe_line_and_an_open_pixel()
    {
        var html = "<p>See <a href=\"https://example.test/jobs?id=7&amp;ref=rf\">https://example.test/jobs?id=7&amp;ref=rf</a> " +
                   "or <a href='http://example.test/b'>b</a>, mail <a href=\"mailto:x@acme.test\">me</a>.</p>";

        var email = _composer.Compose(Request(html: html));

        var click1 = _codec.Create(TrackingKind.Click, OutreachId, "https://example.test/jobs?id=7&ref=rf");
        var click2 = _codec.Create(TrackingKind.Click, OutreachId, "http://example.test/b");
        var unsubscribe = _codec.Create(TrackingKind.Unsubscribe, OutreachId);
        var open = _codec.Create(TrackingKind.Open, OutreachId);
        Assert.Equal(
            "<!DOCTYPE html>\n<html><body>\n" +
            $"<p>See <a href=\"https://roleferry.test/t/c/{click1}\">https://example.test/jobs?id=7&amp;ref=rf</a> " +
            $"or <a href=\"https://roleferry.test/t/c/{click2}\">b</a>, mail <a href=\"mailto:x@acme.test\">me</a>.</p>\n" +
            $"<p style=\"font-size:12px;color:#777777\">Don't want these emails? <a href=\"https://roleferry.test/u/{unsubscribe}\">Unsubscribe</a>.</p>\n" +
            $"<img src=\"https://roleferry.test/t/o/{open}\" width=\"1\" height=\"1\" alt=\"\">\n" +
            "</body></html>\n",
            email.HtmlBody);
    }

    [Fact]
    public void Every_click_token_leads_back_to_its_original_link()
    {
        var email = _composer.Compose(Request(html: "<a href=\"https://a.test/1\">1</a> <a href=\"https://b.test/2?x=1&amp;y=2\">2</a>"));

        var targets = Regex.Matches(email.HtmlBody, "/t/c/([A-Za-z0-9_-]+)\"")
            .Select(m => Assert.IsType<TrackingToken>(_codec.TryRead(m.Groups[1].Value, out var t) ? t : null))
            .ToList();

        Assert.Equal(
            [new TrackingToken(TrackingKind.Click, OutreachId, "https://a.test/1"), new TrackingToken(TrackingKind.Click, OutreachId, "https://b.test/2?x=1&y=2")],
            targets);
    }

    [Fact]
    public void A_whole_document_gets_its_footer_before_the_body_ends()
    {
        var email = _composer.Compose(Request(html: "<html><body><p>Hi</p></BODY></html>"));
        var open = _codec.Create(TrackingKind.Open, OutreachId);

        Assert.StartsWith("<html><body><p>Hi</p><p style=", email.HtmlBody);
        Assert.EndsWith($"<img src=\"https://roleferry.test/t/o/{open}\" width=\"1\" height=\"1\" alt=\"\">\n</BODY></html>", email.HtmlBody);
    }

    [Fact]
    public void The_subject_is_kept_on_one_line()
    {
        var email = _composer.Compose(Request(subject: "Quick advice on Data\r\nBcc: victim@x.test\tplease? "));

        Assert.Equal("Quick advice on Data Bcc: victim@x.test please?", email.Subject);
    }
}
