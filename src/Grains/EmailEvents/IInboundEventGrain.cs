namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// The email-event grain's second interface (same key: the Message-ID of our email), kept out of the contracts on
/// purpose: a mailbox reader applies a message it read over IMAP; the API never does.
/// </summary>
[Alias("RoleFerry.IInboundEventGrain")]
internal interface IInboundEventGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a message read from a mailbox over IMAP that answers this sent message: its event (the same rules
    /// as a webhook event, keyed by the incoming Message-ID) and its inbox row, once; an out-of-office parks the
    /// contact's sequences.
    /// </summary>
    [Alias("ApplyInbound")]
    Task<InboundEventResult> ApplyInboundAsync(InboundEvent inbound);
}
