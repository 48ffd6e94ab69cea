namespace RoleFerry.Grains.Interfaces.Email;

/// <summary>
/// An event about a sent email. Type ∈ delivered|bounce|spam_report|reply|auto_reply|unsubscribe|open|click.
/// BounceType "hard" (or a 5.x.x reason) counts as a hard bounce.
/// </summary>
public sealed record EmailEvent(
    string EventId,
    string Type,
    DateTimeOffset Timestamp,
    string? BounceType,
    string? Reason);
