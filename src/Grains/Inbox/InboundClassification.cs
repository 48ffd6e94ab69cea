namespace RoleFerry.Grains.Inbox;

/// <summary>
/// What a message read over IMAP is: <see cref="Kind"/> reply, auto_reply, bounce or unsubscribe (the webhook's
/// event types), or null with <see cref="IgnoredBecause"/> (a delivery report that reports no failure); an
/// auto-reply's return date; a bounce's type (hard for 5.x.x, soft for 4.x.x), status, failed recipient and
/// diagnostic.
/// </summary>
public sealed record InboundClassification(
    string? Kind,
    string? IgnoredBecause = null,
    DateOnly? ReturnDate = null,
    string? BounceType = null,
    string? BounceStatus = null,
    string? FailedRecipient = null,
    string? Diagnostic = null);
