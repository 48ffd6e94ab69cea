namespace RoleFerry.Grains.Inbox;

/// <summary>
/// A message as the mailbox reader's loop read it from the IMAP server, reduced to what matching and
/// classifying need: its own Message-ID (bare; a hash of the message when it has none), the sender, the subject,
/// In-Reply-To and References (bare ids, oldest first), the headers that mark automatic mail (lower-case names),
/// the text (text/plain, else the HTML reduced to text; attachments are never read), a delivery status report
/// when it is one, <see cref="Notes"/>: what reading it took (<c>oversized</c>: only its headers and text part
/// were fetched; <c>charset_fallback</c>: its charset is unknown, the text was decoded as UTF-8 / Latin-1), and
/// <see cref="Authentication"/>: how it was shown to come from its From: domain (null: it was not).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboundEmail")]
public sealed record InboundEmail(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string? FromAddress,
    [property: Id(2)] string? FromName,
    [property: Id(3)] string Subject,
    [property: Id(4)] string? InReplyTo,
    [property: Id(5)] IReadOnlyList<string> References,
    [property: Id(6)] IReadOnlyDictionary<string, string> AutomationHeaders,
    [property: Id(7)] string TextBody,
    [property: Id(8)] InboundDeliveryStatus? DeliveryStatus,
    [property: Id(9)] long Size,
    [property: Id(10)] IReadOnlyList<string> Notes,
    [property: Id(11)] SenderAuthentication? Authentication = null);
