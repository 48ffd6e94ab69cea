namespace RoleFerry.Api.Notifications;

/// <summary>
/// A notification: kind ∈ reply|bounce|sequence_completed|interview_soon and, for admins, mailbox_paused; link is
/// the API resource it is about; readAt null while unread.
/// </summary>
public sealed record NotificationResponse(
    long Id,
    string Kind,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);
