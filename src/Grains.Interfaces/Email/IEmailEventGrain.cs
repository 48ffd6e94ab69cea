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
}
