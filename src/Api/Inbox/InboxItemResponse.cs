namespace RoleFerry.Api.Inbox;

/// <summary>
/// One message of GET /api/inbox: a message read from a sending mailbox over IMAP that answers the caller's
/// outreach. kind ∈ reply|auto_reply|bounce|unsubscribe; <see cref="From"/> is the sender's address;
/// <see cref="ReturnDate"/> the return date an auto-reply gave; <see cref="ReceivedAt"/> when RoleFerry read it;
/// <see cref="Authenticated"/> false: RoleFerry did not believe it (it matched the caller's email by its sender's
/// address alone and its sender was not authenticated, or a delivery report named no email of ours), so it changed
/// nothing (no sequence stopped, no address suppressed, not relayed).
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
    string? BounceStatus,
    bool Authenticated);
