namespace RoleFerry.Api.Inbox;

/// <summary>GET /api/inbox/{id}: the list's fields plus the whole text (HTML reduced to text; attachments are never kept) and whether it was relayed to the caller.</summary>
public sealed record InboxMessageResponse(
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
    bool Authenticated,
    string TextBody,
    string RelayStatus);
