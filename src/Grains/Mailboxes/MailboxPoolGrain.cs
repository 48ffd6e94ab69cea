using Microsoft.Extensions.Logging;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The platform's mailbox pool (key "platform"): an in-memory availability index, built on activation from the
/// mailboxes table and each mailbox's snapshot, then kept current by the mailboxes' <see cref="UpdateAsync"/>
/// reports. Its picks are hints: the mailbox's own TryReserveAsync decides.
/// Call direction: the pool awaits mailboxes; mailboxes never await the pool (they send it one-way reports, see
/// <see cref="MailboxGrain"/>), so there is no pool → mailbox → pool cycle to deadlock the non-reentrant turns.
/// </summary>
[GrainType("mailbox-pool")]
public sealed class MailboxPoolGrain(
    MailboxDirectory directory,
    SecretProtector secrets,
    TimeProvider clock,
    ILogger<MailboxPoolGrain> logger) : Grain, IMailboxPoolGrain, IMailboxPoolEngineGrain
{
    private readonly Dictionary<long, MailboxPoolEntry> _index = new();

    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var ids = await directory.ListIdsAsync();
        foreach (var snapshot in await SnapshotsAsync(ids))
        {
            Index(snapshot);
        }
    }

    /// <summary>
    /// Refusals are answers, not exceptions: an exception crossing a grain call keeps its message but not always
    /// its type or inner exception, and the API must tell a bad field (400) from a duplicate email (409).
    /// </summary>
    public async Task<AddMailboxResult> AddMailboxAsync(NewMailbox mailbox)
    {
        long id;
        try
        {
            mailbox = ImapSettingsRules.WithDefaults(mailbox);
            NewMailboxValidator.Validate(mailbox);
            id = await directory.CreateAsync(mailbox, secrets.Encrypt(mailbox.SmtpPassword),
                mailbox.ImapPassword is { } imapPassword ? secrets.Encrypt(imapPassword) : null, Now);
        }
        catch (DuplicateMailboxException duplicate)
        {
            return AddMailboxResult.AlreadyExists(nameof(NewMailbox.Email), duplicate.Message);
        }
        catch (ArgumentException refused) when (refused.ParamName is { Length: > 0 } field)
        {
            return AddMailboxResult.Refused(field, refused.Message.Split(" (Parameter", 2)[0]);
        }

        var snapshot = await GrainFactory.GetGrain<IMailboxGrain>(id).GetAsync();
        Index(snapshot);
        logger.LogInformation("Mailbox {MailboxId} ({Mailbox}) added to the pool", id, mailbox);
        return AddMailboxResult.Added(snapshot);
    }

    public Task<MailboxPick> PickAsync(IReadOnlyList<long> excluded) =>
        Task.FromResult(MailboxPoolPicker.Pick(_index.Values, (excluded ?? []).ToHashSet(), Now));

    public Task UpdateAsync(MailboxAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(availability);
        _index[availability.MailboxId] = new MailboxPoolEntry(availability, Now);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every mailbox's snapshot, ordered by id. The index is not refreshed from them: reports queued behind this
    /// turn may be older than a snapshot yet applied after it; only mailboxes the index lacks are added.
    /// </summary>
    public async Task<IReadOnlyList<MailboxSnapshot>> ListAsync()
    {
        var snapshots = await SnapshotsAsync(await directory.ListIdsAsync());
        foreach (var snapshot in snapshots.Where(s => !_index.ContainsKey(s.Id)))
        {
            Index(snapshot);
        }

        return snapshots;
    }

    private async Task<IReadOnlyList<MailboxSnapshot>> SnapshotsAsync(IReadOnlyList<long> ids)
    {
        var calls = ids.Select(id => GrainFactory.GetGrain<IMailboxGrain>(id).GetAsync()).ToList();
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception) when (calls.Any(c => c.IsCompletedSuccessfully))
        {
            // One broken mailbox must not hide the others; each failure is logged below.
        }

        foreach (var failed in calls.Where(c => !c.IsCompletedSuccessfully))
        {
            logger.LogWarning(failed.Exception, "A mailbox did not answer the pool; it is left out until it reports");
        }

        return calls.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result).OrderBy(s => s.Id).ToList();
    }

    private void Index(MailboxSnapshot snapshot) =>
        _index[snapshot.Id] = new MailboxPoolEntry(
            new MailboxAvailability(snapshot.Id, snapshot.Eligible, snapshot.SentToday, snapshot.EffectiveCap, snapshot.NextEligibleAt),
            Now);
}
