using Microsoft.Extensions.Logging;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Out of office: a parked sequence holds its current step (moved by as long as it is parked) until its resumeAt,
/// when its wake-up reminder (registered for that time) makes it active again; a reply, bounce or opt-out stops
/// it meanwhile as any live sequence. Kept apart from the sending logic.
/// </summary>
public sealed partial class SequenceGrain
{
    /// <summary>The resume time shown while parked.</summary>
    private DateTimeOffset? ParkedUntil => S.Status == SequenceStatuses.Parked ? S.ResumeAt : null;

    public async Task<SequenceView> ParkAsync(DateOnly? returnDate)
    {
        // The row may have changed behind this activation (canceled by the API, say): decide on the stored state.
        await state.ReadStateAsync();
        if (S.Status is not (SequenceStatuses.Active or SequenceStatuses.Parked))
        {
            return await GetAsync();
        }

        var now = Now;
        var resumeAt = ParkingRules.ResumeAt(returnDate, now, S.Timezone);
        var heldFrom = S.Status == SequenceStatuses.Parked && S.ResumeAt is { } parkedUntil && parkedUntil > now ? parkedUntil : now;
        if (resumeAt <= heldFrom)
        {
            return await GetAsync(); // back already, or parked at least that long
        }

        var due = ParkingRules.ShiftedDue(S.NextStepDueAt, heldFrom, resumeAt);
        await WakeUpAtAsync(resumeAt);
        await store.ScheduleAsync(Id, S.CurrentStep, due);
        S.Status = SequenceStatuses.Parked;
        S.ResumeAt = resumeAt;
        S.NextStepDueAt = due;
        await state.WriteStateAsync();
        logger.LogInformation("Sequence {Id} parked until {ResumeAt:O} (return date {ReturnDate}); step {Step} now due {Due:O}",
            Id, resumeAt, returnDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none", S.CurrentStep, due);
        return await GetAsync();
    }

    /// <summary>A wake-up of a parked sequence: true once it is back (active again), false while it stays parked.</summary>
    private async Task<bool> UnparkIfBackAsync()
    {
        if (S.ResumeAt is { } resumeAt && resumeAt > Now)
        {
            await WakeUpAtAsync(resumeAt);
            return false;
        }

        S.Status = SequenceStatuses.Active;
        S.ResumeAt = null;
        await state.WriteStateAsync();
        logger.LogInformation("Sequence {Id} resumed after being parked; step {Step} due {Due:O}", Id, S.CurrentStep, S.NextStepDueAt);
        return true;
    }

    /// <summary>POST /resume on a parked sequence: active at once, the step moved back by the time it would still have been parked.</summary>
    private async Task<SequenceView> ResumeParkedNowAsync()
    {
        var now = Now;
        var stillParked = S.ResumeAt is { } resumeAt && resumeAt > now ? resumeAt - now : TimeSpan.Zero;
        var due = S.NextStepDueAt is { } d && d - stillParked > now ? d - stillParked : now;
        S.Status = SequenceStatuses.Active;
        S.ResumeAt = null;
        await ScheduleStepAsync(due);
        SendSoonIfDue();
        return await GetAsync();
    }
}
