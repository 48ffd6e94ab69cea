namespace RoleFerry.Grains.Inbox;

/// <summary>
/// One message as the reader's loop hands it over: its place in the folder (UIDVALIDITY, UID, the server's
/// INTERNALDATE) and either what was read (<see cref="Email"/>) or why it could not be (<see cref="Skipped"/>:
/// <c>malformed</c>, with <see cref="Detail"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboxMessageRead")]
public sealed record InboxMessageRead(
    [property: Id(0)] long UidValidity,
    [property: Id(1)] long Uid,
    [property: Id(2)] DateTimeOffset? InternalDate,
    [property: Id(3)] InboundEmail? Email,
    [property: Id(4)] string? Skipped,
    [property: Id(5)] string? Detail);
