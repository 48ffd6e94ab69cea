namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// What applying an inbound message did: <see cref="Known"/> false when the email it answers is not ours (any
/// more); <see cref="Duplicate"/> when it was applied before; else the inbox row, whether a relay to the user is
/// pending, and how many sequences it stopped or parked.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboundEventResult")]
public sealed record InboundEventResult(
    [property: Id(0)] bool Known,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] long? InboxMessageId,
    [property: Id(3)] bool RelayPending,
    [property: Id(4)] int SequencesStopped,
    [property: Id(5)] int SequencesParked)
{
    public static readonly InboundEventResult Unknown = new(false, false, null, false, 0, 0);

    public static readonly InboundEventResult Repeated = new(true, true, null, false, 0, 0);
}
