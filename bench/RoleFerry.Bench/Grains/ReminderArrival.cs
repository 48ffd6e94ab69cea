namespace RoleFerry.Bench.Grains;

/// <summary>One reminder tick as the grain saw it: due time, the service's tick time, and when the method started.</summary>
public sealed record ReminderArrival(long Key, string Name, DateTimeOffset DueAt, DateTimeOffset TickTime, DateTimeOffset StartedAt)
{
    /// <summary>Grain method start (real clock) − due time.</summary>
    public TimeSpan Lateness => StartedAt - DueAt;

    /// <summary>The reminder service's own clock reading when it fired the tick − due time.</summary>
    public TimeSpan TimerLateness => TickTime - DueAt;
}
