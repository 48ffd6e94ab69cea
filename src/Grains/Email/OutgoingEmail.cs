namespace RoleFerry.Grains.Email;

/// <summary>
/// One email ready for SMTP. <see cref="MessageId"/> is bare (no angle brackets), as stored in
/// <c>outreach.message_id</c>; <see cref="Headers"/> holds the extra headers (List-Unsubscribe, ...);
/// <see cref="ReplyToAddress"/> null = no Reply-To (replies go to the sending mailbox, which RoleFerry reads).
/// </summary>
public sealed record OutgoingEmail(
    string FromAddress,
    string? FromName,
    string ToAddress,
    string? ToName,
    string? ReplyToAddress,
    string? ReplyToName,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId,
    IReadOnlyDictionary<string, string> Headers);
