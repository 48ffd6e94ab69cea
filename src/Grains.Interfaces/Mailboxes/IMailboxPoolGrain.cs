namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// The platform's mailbox pool (key: "platform"): an availability index over every mailbox, kept current by the
/// mailbox grains. Picks the least-loaded eligible mailbox. What the API may call; sequences pick and mailboxes
/// report through the grain's second, internal interface (<c>IMailboxPoolEngineGrain</c> in RoleFerry.Grains).
/// </summary>
[Alias("RoleFerry.IMailboxPoolGrain")]
public interface IMailboxPoolGrain : IGrainWithStringKey
{
    public const string PlatformKey = "platform";

    /// <summary>Stores a new mailbox (password encrypted) and adds it to the pool, or says which field is refused.</summary>
    [Alias("AddMailbox")]
    Task<AddMailboxResult> AddMailboxAsync(NewMailbox mailbox);

    [Alias("List")]
    Task<IReadOnlyList<MailboxSnapshot>> ListAsync();
}
