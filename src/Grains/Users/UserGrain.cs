using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Interfaces.Cluster;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Notifications;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Users;

/// <summary>
/// One user: serializes enrollment against the active-sequence quota, counts today's sends in memory (recounted
/// from the outreach rows on activation and at each UTC day, by the same rule: claimed today and not given back),
/// and changes credits through the ledger, in the same transaction as the balance; changes the profile and erases
/// the account (<see cref="UserAccountStore"/>).
/// Call direction: sequences await this grain (quota), so it never awaits a running sequence: stops are
/// one-way requests (<see cref="ISequenceEngineGrain.RequestStopAsync"/>).
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("user", UserStorage.Name)] IPersistentState<UserState> state,
    UserStore store,
    UserAccountStore accounts,
    SequenceEnrollment enrollment,
    EmailEventStore events,
    IOptions<UserQuotaOptions> quotas,
    NotificationStore notifications,
    TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IUserEngineGrain
{
    private DateOnly _day;
    private int _sentToday;

    private long Id => this.GetPrimaryKeyLong();

    private TierLimits Limits => quotas.Value.For(state.State.Tier);

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.RecordExists ? Task.CompletedTask : throw new KeyNotFoundException($"User {Id} does not exist.");

    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request)
    {
        if (await store.CountLiveSequencesAsync(Id) >= Limits.MaxActiveSequences)
        {
            return EnrollmentResult.Fail(EnrollmentError.QuotaExceeded,
                $"The {state.State.Tier} tier allows {Limits.MaxActiveSequences} active sequences.");
        }

        var result = await enrollment.EnrollAsync(Id, request, clock.GetUtcNow());
        if (result.Sequence is null)
        {
            return result;
        }

        // A sequence created just now has no wake-up yet, so it cannot be waiting on this grain. The enrollment is
        // committed: when the sequence's silo cannot be reached (a failover), the enrollment still succeeded, and the
        // maintenance start check starts the sequence within one of its periods once the cluster is whole again.
        try
        {
            var started = await GrainFactory.GetGrain<ISequenceEngineGrain>(result.Sequence.Id).StartAsync();
            return EnrollmentResult.Enrolled(started);
        }
        catch (Exception e) when (SiloUnreachable.Is(e))
        {
            logger.LogWarning(e, "User {UserId}: sequence {SequenceId} is enrolled but its silo could not be reached to start it; the start check will start it", Id, result.Sequence.Id);
            return result;
        }
    }

    public async Task<bool> OptOutContactAsync(long contactId)
    {
        var sequences = await events.OptOutContactAsync(Id, contactId, clock.GetUtcNow());
        if (sequences is null)
        {
            return false;
        }

        foreach (var id in sequences)
        {
            await GrainFactory.GetGrain<ISequenceEngineGrain>(id).RequestStopAsync(SequenceStatuses.StoppedOptOut, "the contact opted out");
        }

        return true;
    }

    public async Task<bool> TryConsumeSendAsync()
    {
        await RollDayAsync();
        if (_sentToday >= Limits.MaxSendsPerDay)
        {
            return false;
        }

        _sentToday++;
        return true;
    }

    public async Task ReleaseSendAsync()
    {
        await RollDayAsync();
        _sentToday = Math.Max(0, _sentToday - 1);
    }

    public async Task<UserQuota> GetQuotaAsync()
    {
        await RollDayAsync();
        return new UserQuota(state.State.Tier, Limits.MaxActiveSequences, await store.CountLiveSequencesAsync(Id),
            Limits.MaxSendsPerDay, _sentToday, state.State.CreditsRemaining);
    }

    public async Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference)
    {
        if (delta == 0)
        {
            throw new ArgumentException("A credit change must not be zero.", nameof(delta));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var wallet = state.State;
        if (reference is not null && await store.HasLedgerEntryAsync(Id, reason, reference))
        {
            return new CreditResult(true, wallet.CreditsRemaining);
        }

        var balance = wallet.CreditsRemaining + delta;
        if (balance < 0)
        {
            return new CreditResult(false, wallet.CreditsRemaining);
        }

        var before = wallet.CreditsRemaining;
        wallet.CreditsRemaining = balance;
        wallet.NewLedgerEntry = new LedgerEntry(delta, balance, reason, reference);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            wallet.CreditsRemaining = before;
            throw;
        }
        finally
        {
            wallet.NewLedgerEntry = null;
        }

        return new CreditResult(true, balance);
    }

    public Task UpdateProfileAsync(ProfileChange change) => accounts.UpdateProfileAsync(Id, change, clock.GetUtcNow());

    /// <summary>A new UTC day recounts the sends from the rows; the first call of an activation too.</summary>
    private async Task RollDayAsync()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _sentToday = await store.CountClaimedSinceAsync(Id, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
            _day = today;
        }
    }
}
