using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// When a parked sequence goes on (API.md "parked"): the start of the day after the out-of-office's return date,
/// in the sequence's time zone (the contact's, else the user's, else UTC); without a return date, 7 days after
/// it was parked.
/// </summary>
public static class ParkingRules
{
    public static readonly TimeSpan WithoutReturnDate = TimeSpan.FromDays(7);

    public static DateTimeOffset ResumeAt(DateOnly? returnDate, DateTimeOffset parkedAt, string? timezone)
    {
        if (returnDate is not { } back)
        {
            return parkedAt + WithoutReturnDate;
        }

        var zone = SendingWindow.ResolveZone(timezone, null);
        return LocalClock.FirstInstantAtOrAfter(back.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime();
    }

    /// <summary>
    /// The current step's due time once parked until <paramref name="resumeAt"/>: moved by as much as the sequence
    /// is held back (from <paramref name="heldFrom"/>: now, or the previous resume time when it is parked longer),
    /// and never before it goes on.
    /// </summary>
    public static DateTimeOffset ShiftedDue(DateTimeOffset? due, DateTimeOffset heldFrom, DateTimeOffset resumeAt)
    {
        if (due is not { } current)
        {
            return resumeAt;
        }

        var shifted = current + (resumeAt - heldFrom);
        return shifted > resumeAt ? shifted : resumeAt;
    }
}
