namespace RoleFerry.Grains.Templates;

/// <summary>Turns a wall-clock time of a zone into an instant, across DST gaps and overlaps.</summary>
internal static class LocalClock
{
    /// <summary>
    /// The first instant at which the clocks of <paramref name="zone"/> read <paramref name="local"/> or later:
    /// the usual instant; for a time skipped by a DST gap, the instant the clocks jump; for a time that occurs
    /// twice, its first occurrence. The result carries the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset FirstInstantAtOrAfter(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        if (!zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        // In a gap: the clocks jump from before it to after it; find the jump by bisection over UTC ticks.
        var before = zone.GetUtcOffset(local.AddDays(-1));
        var after = zone.GetUtcOffset(local.AddDays(1));
        var low = (local - (before > after ? before : after)).Ticks;
        var high = (local - (before < after ? before : after)).Ticks;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (ToLocal(middle, zone) >= local)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(high, TimeSpan.Zero), zone);
    }

    private static DateTime ToLocal(long utcTicks, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), zone);
}
