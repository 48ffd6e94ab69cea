namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Where a round reads from: UIDs above <see cref="LastUid"/>, and, when <see cref="SinceFloor"/> is set (first
/// read, or after a UIDVALIDITY change), only messages the server received since that day.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboxRoundPlan")]
public sealed record InboxRoundPlan(
    [property: Id(0)] long LastUid,
    [property: Id(1)] DateTimeOffset? SinceFloor);
