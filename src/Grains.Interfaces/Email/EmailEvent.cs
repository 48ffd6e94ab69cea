namespace RoleFerry.Grains.Interfaces.Email;

/// <summary>
/// An event about a sent email. Type ∈ delivered|bounce|spam_report|reply|auto_reply|unsubscribe|open|click.
/// BounceType "hard" (or a 5.x.x reason) counts as a hard bounce.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.EmailEvent")]
public sealed record EmailEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string? BounceType,
    [property: Id(4)] string? Reason);
