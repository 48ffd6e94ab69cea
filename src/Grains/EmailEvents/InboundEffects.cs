namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// What applying an inbound message committed and asks of the grains: the event's effects (as a webhook event's),
/// the inbox row, and, for an out-of-office, the contact's sequences to park.
/// </summary>
public sealed record InboundEffects(
    bool Known,
    bool Duplicate,
    EventEffects Effects,
    long? InboxMessageId,
    IReadOnlyList<long> SequencesToPark)
{
    public static readonly InboundEffects Unknown = new(false, false, EventEffects.None, null, []);

    public static readonly InboundEffects Repeated = new(true, true, EventEffects.None, null, []);
}
