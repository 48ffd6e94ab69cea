using Microsoft.Extensions.Options;
using RoleFerry.Actors;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Users;

/// <summary>
/// One user: serializes enrollment against the active-sequence quota, counts today's sends in memory (recounted
/// from the outreach rows on activation and at each UTC day), and changes credits through the ledger.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(UserStore store, SequenceEnrollment enrollment, EmailEventStore events, IOptions<UserQuotaOptions> quotas)
    : Grain, IUserGrain
{
    private DateOnly _day;
    private int _sentToday;

    private long Id => GetPrimaryKeyLong();

    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request)
    {
        var (tier, _) = await LoadUserAsync();
        var limits = quotas.Value.For(tier);
        if (await store.CountLiveSequencesAsync(Id) >= limits.MaxActiveSequences)
        {
            return EnrollmentResult.Fail(EnrollmentError.QuotaExceeded,
                $"The {tier} tier allows {limits.MaxActiveSequences} active sequences.");
        }

        var result = await enrollment.EnrollAsync(Id, request, TimeProvider.GetUtcNow());
        if (result.Sequence is null)
        {
            return result;
        }

        var started = await GrainFactory.GetGrain<ISequenceGrain>(result.Sequence.Id).StartAsync();
        return EnrollmentResult.Enrolled(started);
    }

    public async Task<bool> OptOutContactAsync(long contactId)
    {
        var sequences = await events.OptOutContactAsync(Id, contactId, TimeProvider.GetUtcNow());
        if (sequences is null)
        {
            return false;
        }

        foreach (var id in sequences)
        {
            await GrainFactory.GetGrain<ISequenceGrain>(id).StopAsync(SequenceStatuses.StoppedOptOut, "the contact opted out");
        }

        return true;
    }

    public async Task<bool> TryConsumeSendAsync()
    {
        await RollDayAsync();
        var (tier, _) = await LoadUserAsync();
        if (_sentToday >= quotas.Value.For(tier).MaxSendsPerDay)
        {
            return false;
        }

        _sentToday++;
        return true;
    }

    public async Task<UserQuota> GetQuotaAsync()
    {
        await RollDayAsync();
        var (tier, credits) = await LoadUserAsync();
        var limits = quotas.Value.For(tier);
        return new UserQuota(tier, limits.MaxActiveSequences, await store.CountLiveSequencesAsync(Id),
            limits.MaxSendsPerDay, _sentToday, credits);
    }

    public Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference)
    {
        if (delta == 0)
        {
            throw new ArgumentException("A credit change must not be zero.", nameof(delta));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return store.ChangeCreditsAsync(Id, delta, reason, reference);
    }

    private async Task<(string Tier, int Credits)> LoadUserAsync() =>
        await store.LoadAsync(Id) ?? throw new KeyNotFoundException($"User {Id} does not exist.");

    private async Task RollDayAsync()
    {
        var now = TimeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _sentToday = await store.CountClaimedSinceAsync(Id, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
        }
    }
}
