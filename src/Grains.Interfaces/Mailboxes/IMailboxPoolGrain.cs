using RoleFerry.Actors;

namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// The platform's mailbox pool (key: "platform"): an availability index over every mailbox, kept current by the
/// mailbox grains. Picks the least-loaded eligible mailbox.
/// </summary>
public interface IMailboxPoolGrain : IGrainWithStringKey
{
    public const string PlatformKey = "platform";

    /// <summary>Stores a new mailbox (password encrypted) and adds it to the pool.</summary>
    Task<MailboxSnapshot> AddMailboxAsync(NewMailbox mailbox);

    /// <summary>The least-loaded eligible mailbox, skipping <paramref name="excluded"/>.</summary>
    Task<MailboxPick> PickAsync(IReadOnlyList<long> excluded);

    Task UpdateAsync(MailboxAvailability availability);

    Task<IReadOnlyList<MailboxSnapshot>> ListAsync();
}
