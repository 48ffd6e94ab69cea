using RoleFerry.Grains.Inbox;
using RoleFerry.Grains.Interfaces.Email;

namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// A message read over IMAP that answers one of our emails: the event it makes (type reply, auto_reply, bounce or
/// unsubscribe; event id <c>inbound:&lt;its Message-ID&gt;</c>) and what the inbox keeps of it.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboundEvent")]
public sealed record InboundEvent(
    [property: Id(0)] EmailEvent Event,
    [property: Id(1)] InboxEntry Entry);
