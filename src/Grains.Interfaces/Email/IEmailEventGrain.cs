namespace RoleFerry.Grains.Interfaces.Email;

/// <summary>
/// Applies email events to one sent message (key: its Message-ID without angle brackets): outreach row and
/// events, contact, application, mailbox health and the sequence. A repeated event id changes nothing.
/// </summary>
[Alias("RoleFerry.IEmailEventGrain")]
public interface IEmailEventGrain : IGrainWithStringKey
{
    /// <summary>Returns false when the message is unknown (the event is still recorded, unmatched).</summary>
    [Alias("Apply")]
    Task<bool> ApplyAsync(EmailEvent emailEvent);

    /// <summary>
    /// Applies a message read from a mailbox over IMAP that answers this sent message: its event (the same rules
    /// as a webhook event, keyed by the incoming Message-ID) and its inbox row, once; an out-of-office parks the
    /// contact's sequences.
    /// </summary>
    [Alias("ApplyInbound")]
    Task<InboundEventResult> ApplyInboundAsync(InboundEvent inbound);
}
