namespace RoleFerry.Api.Inbox;

/// <summary>
/// One message of GET /api/inbox: a message read from a sending mailbox over IMAP that answers the caller's
/// outreach. kind ∈ reply|auto_reply|bounce|unsubscribe; <see cref="From"/> is the sender's address;
/// <see cref="ReturnDate"/> the return date an auto-reply gave; <see cref="ReceivedAt"/> when RoleFerry read it.
/// </summary>
public sealed record InboxItemResponse(
    long Id,
    long? SequenceId,
    long? ApplicationId,
    long? ContactId,
    string From,
    string? FromName,
    string Subject,
    string Snippet,
    DateTimeOffset ReceivedAt,
    string Kind,
    DateOnly? ReturnDate,
    DateTimeOffset? ReadAt,
    string? BounceType,
    string? BounceStatus);
