namespace RoleFerry.Actors;

/// <summary>
/// Describes one reminder tick. <see cref="MissedTicks"/> counts periods skipped while the silo was down
/// (periodic reminders fire once for them, not once per missed period).
/// </summary>
public readonly record struct TickStatus(
    DateTimeOffset DueTime,
    DateTimeOffset CurrentTickTime,
    TimeSpan? Period,
    int MissedTicks)
{
    /// <summary>How late this tick fired relative to its due time.</summary>
    public TimeSpan Lateness => CurrentTickTime - DueTime;
}
