namespace RoleFerry.Testing;

/// <summary>One row of Orleans' reminder table: which grain, which reminder, its first tick and period.</summary>
public sealed record ReminderRow(string GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period)
{
    /// <summary>
    /// The first tick at or after <paramref name="now"/>, as Orleans' reminder service computes it: ticks are
    /// <c>StartAt + k × Period</c>, and ticks missed before now are skipped.
    /// </summary>
    public DateTimeOffset NextTickAt(DateTimeOffset now)
    {
        if (now <= StartAt)
        {
            return StartAt;
        }

        var sinceLast = (now - StartAt).Ticks % Period.Ticks;
        return sinceLast == 0 ? now : now + TimeSpan.FromTicks(Period.Ticks - sinceLast);
    }
}
