using MimeKit;
using RoleFerry.Grains.Inbox;

namespace RoleFerry.Grains.Tests.Inbox;

public sealed class InboundEmailParserTests
{
    [Fact]
    public void Threading_ids_are_bare_and_the_text_is_kept_without_the_attachment()
    {
        var message = InboundMessages.Reply("alex@acme.test", "s@mail.test", "<ours@mail.test>", "Sure!", references: "<older@mail.test>");
        var body = new Multipart("mixed") { message.Body!, new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream(new byte[5000])), FileName = "cv.pdf" } };
        message.Body = body;

        var email = InboundParsing.Parse(message);

        Assert.Equal("ours@mail.test", email.InReplyTo);
        Assert.Equal(["ours@mail.test", "older@mail.test"], email.References);
        Assert.StartsWith("Sure!", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cv.pdf", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(("alex@acme.test", "Alex Helper"), (email.FromAddress, email.FromName));
    }

    [Fact]
    public void Html_only_mail_is_reduced_to_text()
    {
        var email = InboundParsing.Parse(
            "From: a@acme.test\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{}</style></head><body><p>Hi&nbsp;Jamie,</p><p>Let&#39;s talk <b>Friday</b>.</p><script>x()</script></body></html>\r\n");

        Assert.Equal("Hi Jamie,\n\nLet's talk Friday.", email.TextBody.Replace("\n\n\n", "\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_charset_is_decoded_anyway_and_noted()
    {
        var email = InboundParsing.Parse("From: a@acme.test\r\nContent-Type: text/plain; charset=x-unknown-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\nH\u00e9llo\r\n");

        Assert.Equal([InboundEmailParser.CharsetFallbackNote], email.Notes);
        Assert.Equal("H\u00e9llo", email.TextBody.Trim());
    }

    [Fact]
    public void A_message_without_message_id_gets_a_stable_one_from_its_bytes()
    {
        const string raw = "From: a@acme.test\r\nSubject: hi\r\n\r\nbody\r\n";

        Assert.Equal(InboundParsing.Parse(raw).MessageId, InboundParsing.Parse(raw).MessageId);
        Assert.NotEqual(InboundParsing.Parse(raw).MessageId, InboundParsing.Parse(raw + "x").MessageId);
        Assert.EndsWith("@inbound.roleferry.invalid", InboundParsing.Parse(raw).MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snippet_is_the_new_text_on_one_line()
    {
        var email = InboundParsing.Parse(InboundMessages.Reply("alex@acme.test", "s@mail.test", "a@b", "Sure,\nhappy to help."));

        Assert.Equal("Sure, happy to help.", QuotedText.Snippet(email.TextBody));
    }
}
