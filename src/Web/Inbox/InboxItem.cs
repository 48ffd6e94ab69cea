namespace RoleFerry.Web.Inbox;

/// <summary>A message of <c>GET /api/inbox</c> (kind ∈ reply|auto_reply|bounce|unsubscribe); <c>TextBody</c> only from <c>GET /api/inbox/{id}</c>.</summary>
public sealed record InboxItem(
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
    string? TextBody)
{
    public static string KindLabel(string kind) => kind switch
    {
        "reply" => "Reply",
        "auto_reply" => "Automatic answer",
        "bounce" => "Bounce",
        "unsubscribe" => "Unsubscribe",
        _ => kind,
    };
}
