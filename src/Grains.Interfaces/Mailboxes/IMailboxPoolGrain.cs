using Orleans.Concurrency;

namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// The platform's mailbox pool (key: "platform"): an availability index over every mailbox, kept current by the
/// mailbox grains. Picks the least-loaded eligible mailbox.
/// </summary>
[Alias("RoleFerry.IMailboxPoolGrain")]
public interface IMailboxPoolGrain : IGrainWithStringKey
{
    public const string PlatformKey = "platform";

    /// <summary>Stores a new mailbox (password encrypted) and adds it to the pool, or says which field is refused.</summary>
    [Alias("AddMailbox")]
    Task<AddMailboxResult> AddMailboxAsync(NewMailbox mailbox);

    /// <summary>The least-loaded eligible mailbox, skipping <paramref name="excluded"/>.</summary>
    [Alias("Pick")]
    Task<MailboxPick> PickAsync(IReadOnlyList<long> excluded);

    /// <summary>
    /// A mailbox reports how available it is. One-way: the pool awaits mailboxes (snapshots), so a mailbox must
    /// never await the pool, or the two non-reentrant activations could wait on each other.
    /// </summary>
    [OneWay]
    [Alias("Update")]
    Task UpdateAsync(MailboxAvailability availability);

    [Alias("List")]
    Task<IReadOnlyList<MailboxSnapshot>> ListAsync();
}
