namespace RoleFerry.Grains.Interfaces.Email;

/// <summary>
/// Applies email events to one sent message (key: its Message-ID without angle brackets): outreach row and
/// events, contact, application, mailbox health and the sequence. A repeated event id changes nothing. What the
/// API may call (webhook, tracking links); mailbox readers apply what they read through the grain's second,
/// internal interface (<c>IInboundEventGrain</c> in RoleFerry.Grains).
/// </summary>
[Alias("RoleFerry.IEmailEventGrain")]
public interface IEmailEventGrain : IGrainWithStringKey
{
    /// <summary>Returns false when the message is unknown (the event is still recorded, unmatched).</summary>
    [Alias("Apply")]
    Task<bool> ApplyAsync(EmailEvent emailEvent);
}
