using System.Text;
using MimeKit;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>Messages as a contact's mail server would deliver them: replies, out-of-office answers, RFC 3464 bounces.</summary>
public static class InboundMessages
{
    /// <summary>A reply from <paramref name="from"/> to <paramref name="to"/>, In-Reply-To <paramref name="inReplyTo"/> (with References), quoting our email.</summary>
    public static MimeMessage Reply(string from, string to, string? inReplyTo, string text, string subject = "Re: Quick advice", string? messageId = null, string? references = null)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Alex Helper", from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@contact.example.test";
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo.Trim('<', '>');
            message.References.Add(message.InReplyTo);
        }

        if (references is not null)
        {
            message.References.Add(references.Trim('<', '>'));
        }

        message.Body = new TextPart("plain")
        {
            Text = $"{text}\n\nOn Mon, 2 Nov 2026 at 09:00, Jamie Seeker <{to}> wrote:\n> Hi Alex,\n> Would you have 10 minutes?\n> --\n> Don't want these emails? Unsubscribe: https://roleferry.test/u/x\n",
        };
        return message;
    }

    /// <summary>An out-of-office answer (RFC 3834 Auto-Submitted, Outlook's subject).</summary>
    public static MimeMessage OutOfOffice(string from, string to, string inReplyTo, string text)
    {
        var message = Reply(from, to, inReplyTo, text, subject: "Automatic reply: Quick advice");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }

    /// <summary>
    /// An RFC 3464 delivery status notification from the contact's server: <paramref name="status"/> for
    /// <paramref name="recipient"/>, returning the headers of our email <paramref name="originalMessageId"/>.
    /// </summary>
    public static MimeMessage Bounce(string to, string recipient, string originalMessageId, string status = "5.1.1", string action = "failed")
    {
        var raw =
            $"From: Mail Delivery System <MAILER-DAEMON@mx.example.test>\r\n" +
            $"To: {to}\r\n" +
            $"Subject: Undelivered Mail Returned to Sender\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@mx.example.test>\r\n" +
            $"Date: {DateTimeOffset.UtcNow:R}\r\n" +
            "Auto-Submitted: auto-replied\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"dsn-boundary\"\r\n\r\n" +
            "--dsn-boundary\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" +
            $"I'm sorry to have to inform you that your message could not be delivered to {recipient}.\r\n\r\n" +
            "--dsn-boundary\r\nContent-Type: message/delivery-status\r\n\r\n" +
            "Reporting-MTA: dns; mx.example.test\r\nArrival-Date: Mon, 2 Nov 2026 09:00:01 +0000\r\n\r\n" +
            $"Final-Recipient: rfc822; {recipient}\r\nOriginal-Recipient: rfc822;{recipient}\r\nAction: {action}\r\nStatus: {status}\r\n" +
            $"Diagnostic-Code: smtp; 550 {status} <{recipient}>: Recipient address rejected: User unknown\r\n\r\n" +
            "--dsn-boundary\r\nContent-Type: text/rfc822-headers\r\n\r\n" +
            $"Message-ID: <{originalMessageId.Trim('<', '>')}>\r\nSubject: Quick advice\r\nTo: {recipient}\r\n\r\n" +
            "--dsn-boundary--\r\n";
        return MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
    }
}
