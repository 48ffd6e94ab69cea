using MimeKit;
using MimeKit.Text;

namespace RoleFerry.Grains.Email;

/// <summary>
/// The MIME message for an <see cref="OutgoingEmail"/>: From, To, Reply-To when it has one (display names RFC 2047-encoded by
/// MimeKit where they need it), Date, Subject, our Message-ID (<c>&lt;id&gt;</c>) and the extra headers set raw
/// (<see cref="RawHeader"/>: List-Unsubscribe and List-Unsubscribe-Post go out exactly as composed), and a
/// multipart/alternative body with a text/plain and a text/html part (UTF-8, quoted-printable, CRLF lines).
/// </summary>
internal static class OutgoingMimeMessage
{
    /// <exception cref="FormatException">An address, the Message-ID or an extra header cannot go out as given.</exception>
    public static MimeMessage Create(OutgoingEmail email, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!IsMessageId(email.MessageId))
        {
            throw new FormatException($"'{email.MessageId}' is not a bare Message-ID (id-left@id-right).");
        }

        var message = new MimeMessage { Date = date, Subject = email.Subject };
        message.From.Add(EmailAddress.Mailbox(email.FromName, email.FromAddress));
        message.To.Add(EmailAddress.Mailbox(email.ToName, email.ToAddress));
        if (email.ReplyToAddress is { } replyTo)
        {
            message.ReplyTo.Add(EmailAddress.Mailbox(email.ReplyToName, replyTo));
        }

        // MimeMessage makes up a Message-Id of its own; ours replaces it, as written.
        message.Headers.Remove(HeaderId.MessageId);
        message.Headers.Add(RawHeader.Create(EmailHeaders.MessageId, $"<{email.MessageId}>"));
        foreach (var (name, value) in email.Headers)
        {
            message.Headers.Remove(name);
            message.Headers.Add(RawHeader.Create(name, value));
        }

        message.Body = new MultipartAlternative
        {
            Part(TextFormat.Plain, email.TextBody),
            Part(TextFormat.Html, email.HtmlBody),
        };
        return message;
    }

    private static TextPart Part(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(System.Text.Encoding.UTF8, content.ReplaceLineEndings("\r\n"));
        return part;
    }

    /// <summary>A dot-atom-like id with one @ and nothing that would need quoting or break the angle brackets.</summary>
    private static bool IsMessageId(string id) =>
        id.Count(c => c == '@') == 1 && id[0] != '@' && id[^1] != '@'
        && id.All(c => c is > ' ' and <= '~' and not '<' and not '>' and not '"' and not '\\' and not '(' and not ')' and not ',' and not ';' and not ':' and not '[' and not ']');
}
