namespace RoleFerry.Grains.Inbox;

/// <summary>
/// What the inbox keeps of a message read over IMAP (inbox_messages): who wrote it, its subject, a snippet of
/// the new text and the whole text (HTML reduced to text, no attachments), when it was read and what it was
/// classified as; <see cref="Relay"/>: a genuine reply, to relay to the user; <see cref="Authenticated"/>: false when
/// RoleFerry does not believe it (it matched our email by its sender's address alone and that sender was not
/// authenticated, or it is a delivery report that names no email of ours): then it is only listed, marked so.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboxEntry")]
public sealed record InboxEntry(
    [property: Id(0)] long MailboxId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string FromAddress,
    [property: Id(4)] string? FromName,
    [property: Id(5)] string Subject,
    [property: Id(6)] string Snippet,
    [property: Id(7)] string TextBody,
    [property: Id(8)] DateTimeOffset ReceivedAt,
    [property: Id(9)] DateOnly? ReturnDate,
    [property: Id(10)] string? BounceType,
    [property: Id(11)] string? BounceStatus,
    [property: Id(12)] string? FailedRecipient,
    [property: Id(13)] bool Relay,
    [property: Id(14)] bool Authenticated = true);
