using Orleans.Concurrency;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The pool grain's second interface, kept out of the contracts on purpose: a sequence asks it for a mailbox, a
/// mailbox tells it how available it is; the API never does either.
/// </summary>
[Alias("RoleFerry.IMailboxPoolEngineGrain")]
internal interface IMailboxPoolEngineGrain : IGrainWithStringKey
{
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
}
