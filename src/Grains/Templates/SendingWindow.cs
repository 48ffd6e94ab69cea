using System.Globalization;
using System.Text.Json;

namespace RoleFerry.Grains.Templates;

/// <summary>
/// When a sequence step may leave, in the recipient's time zone: the days of the week and the daily hours
/// [<see cref="Start"/>, <see cref="End"/>). <see cref="End"/> = <see cref="EndOfDay"/> stands for "24:00".
/// API shape: <c>{"days": ["mon", ...], "start": "HH:MM", "end": "HH:MM"}</c>; absent = <see cref="Default"/>.
/// </summary>
public sealed record SendingWindow
{
    /// <summary>"24:00": the window runs to the end of the day.</summary>
    public static readonly TimeOnly EndOfDay = TimeOnly.MaxValue;

    /// <summary>Monday to Friday, 08:00–18:00.</summary>
    public static readonly SendingWindow Default = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(18, 0));

    private static readonly DayOfWeek[] Week =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    private readonly HashSet<DayOfWeek> _days;

    /// <exception cref="ArgumentException">No day, or <paramref name="start"/> not before <paramref name="end"/>.</exception>
    public SendingWindow(IEnumerable<DayOfWeek> days, TimeOnly start, TimeOnly end)
    {
        _days = [.. days];
        if (_days.Count == 0)
        {
            throw new ArgumentException("A sending window needs at least one day.", nameof(days));
        }

        if (start >= end)
        {
            throw new ArgumentException($"A sending window must start before it ends ({Format(start)} is not before {Format(end)}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public IReadOnlySet<DayOfWeek> Days => _days;

    public TimeOnly Start { get; }

    /// <summary>Exclusive; <see cref="EndOfDay"/> means 24:00.</summary>
    public TimeOnly End { get; }

    /// <summary>Every day, 00:00–24:00: a step never waits.</summary>
    public bool IsAnyTime => _days.Count == 7 && Start == TimeOnly.MinValue && End == EndOfDay;

    private TimeSpan EndTime => End == EndOfDay ? TimeSpan.FromDays(1) : End.ToTimeSpan();

    /// <summary>Reads the API shape; null or JSON null → <see cref="Default"/>.</summary>
    /// <exception cref="SendingWindowException">A field is missing or invalid (the message names it).</exception>
    public static SendingWindow Parse(JsonElement? json) => SendingWindowJson.Parse(json);

    /// <summary>Reads the API shape from JSON text; null or blank → <see cref="Default"/>.</summary>
    /// <exception cref="SendingWindowException">The text is not JSON, or a field is missing or invalid.</exception>
    public static SendingWindow Parse(string? json) => SendingWindowJson.Parse(json);

    /// <summary>The API shape, e.g. <c>{"days":["mon","tue"],"start":"08:00","end":"18:00"}</c>.</summary>
    public string ToJson() => SendingWindowJson.Write(this);

    /// <summary>
    /// The zone a window is read in: the contact's, else the user's, else UTC. Ids are IANA ids
    /// (<c>Europe/Berlin</c>); a blank or unknown id falls through to the next.
    /// </summary>
    public static TimeZoneInfo ResolveZone(string? contactTimeZone, string? userTimeZone)
    {
        foreach (var id in new[] { contactTimeZone, userTimeZone })
        {
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }

    /// <summary>True when <paramref name="at"/>, read in <paramref name="zone"/>, falls inside the window.</summary>
    public bool Contains(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return _days.Contains(local.DayOfWeek) && local.TimeOfDay >= Start.ToTimeSpan() && local.TimeOfDay < EndTime;
    }

    /// <summary>
    /// <paramref name="at"/> itself when it is inside the window, else the first later instant at which the window
    /// opens in <paramref name="zone"/> (a start that falls in a DST gap opens when the clocks jump; one that occurs
    /// twice opens at its first occurrence). The result carries the zone's offset at that instant.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (IsAnyTime || Contains(at, zone))
        {
            return at;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        for (var i = 0; i <= 7; i++)
        {
            var day = today.AddDays(i);
            if (!_days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var opening = LocalClock.FirstInstantAtOrAfter(day.ToDateTime(Start), zone);
            if (opening > at)
            {
                return opening;
            }
        }

        throw new InvalidOperationException("Unreachable: a window with at least one day opens within eight days.");
    }

    public bool Equals(SendingWindow? other) =>
        other is not null && Start == other.Start && End == other.End && _days.SetEquals(other._days);

    public override int GetHashCode() =>
        HashCode.Combine(Start, End, _days.Aggregate(0, (mask, day) => mask | (1 << (int)day)));

    public override string ToString() =>
        $"{string.Join(",", Week.Where(_days.Contains).Select(SendingWindowJson.DayName))} {Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{Format(End)}";

    internal static string Format(TimeOnly time) =>
        time == EndOfDay ? "24:00" : time.ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static IReadOnlyList<DayOfWeek> WeekFromMonday => Week;
}
