using System.Security.Cryptography;
using System.Text;
using MimeKit;
using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// What matching and classifying need from a message read over IMAP (pure; MimeKit): its Message-ID (or, when it
/// has none, a stable one made from a hash of what was read, so a second copy is still recognized), the sender,
/// subject, In-Reply-To and References, the headers that mark automatic mail, the text (text/plain, else the
/// HTML reduced to text, at most <see cref="MaxTextChars"/>; attachments are never read) and a delivery status
/// report. Notes what it had to work around (an unknown charset).
/// </summary>
public static class InboundEmailParser
{
    public const int MaxTextChars = 100_000;

    public const string OversizedNote = "oversized";

    public const string CharsetFallbackNote = "charset_fallback";

    /// <summary>Header names (as stored, lower-case) that say a message was sent automatically, or by RoleFerry itself.</summary>
    public static readonly IReadOnlyList<string> AutomationHeaders =
    [
        "auto-submitted", "x-autoreply", "x-autorespond", "x-autoresponder", "precedence", "x-auto-response-suppress",
        EmailHeaders.RelayOf.ToLowerInvariant(),
    ];

    /// <param name="message">the parsed message (for an oversized one: its headers and its text part only).</param>
    /// <param name="read">the bytes it was parsed from (the whole message, or its headers): the fallback id hashes them.</param>
    public static InboundEmail Read(MimeMessage message, ReadOnlySpan<byte> read, long size, bool oversized)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notes = new List<string>();
        if (oversized)
        {
            notes.Add(OversizedNote);
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        var automation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in message.Headers)
        {
            var name = header.Field.ToLowerInvariant();
            if (AutomationHeaders.Contains(name) && !automation.ContainsKey(name))
            {
                automation[name] = header.Value.Trim();
            }
        }

        return new InboundEmail(
            MessageIdOf(message, read),
            from?.Address,
            string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(),
            Truncate((message.Subject ?? "").ReplaceLineEndings(" ").Trim(), 998),
            Bare(message.InReplyTo),
            message.References.Select(Bare).OfType<string>().ToList(),
            automation,
            Truncate(Text(message, notes), MaxTextChars),
            DeliveryStatusReader.Read(message),
            size,
            notes);
    }

    /// <summary>The message's own Message-ID, bare; else <c>sha256-&lt;hex&gt;@inbound.roleferry.invalid</c> of <paramref name="read"/>.</summary>
    public static string MessageIdOf(MimeMessage message, ReadOnlySpan<byte> read) =>
        Bare(message.MessageId) is { Length: <= 250 } id && id.All(c => c is > ' ' and <= '~')
            ? id
            : $"sha256-{Convert.ToHexStringLower(SHA256.HashData(read))}@inbound.roleferry.invalid";

    private static string Text(MimeMessage message, List<string> notes)
    {
        var parts = message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
        if (parts.FirstOrDefault(p => p.IsPlain) is { } plain)
        {
            return Decode(plain, notes);
        }

        return parts.FirstOrDefault(p => p.IsHtml) is { } html ? HtmlText.ToText(Decode(html, notes)) : "";
    }

    /// <summary>The part's text; an unknown charset is decoded as MimeKit falls back (UTF-8, else Latin-1) and noted.</summary>
    private static string Decode(TextPart part, List<string> notes)
    {
        if (part.ContentType.Charset is { Length: > 0 } && !KnownCharset(part.ContentType))
        {
            notes.Add(CharsetFallbackNote);
        }

        return part.Text ?? "";
    }

    private static bool KnownCharset(ContentType type)
    {
        try
        {
            return type.CharsetEncoding is not null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string? Bare(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : id.Trim().TrimStart('<').TrimEnd('>').Trim() is { Length: > 0 } bare ? bare : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Bytes of a header block as MimeKit writes it (the oversized path hashes them).</summary>
    public static byte[] HeaderBytes(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        foreach (var header in headers)
        {
            text.Append(header.Field).Append(':').Append(header.Value).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
