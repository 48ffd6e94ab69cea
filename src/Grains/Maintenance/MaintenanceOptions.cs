namespace RoleFerry.Grains.Maintenance;

/// <summary>Housekeeping settings (section <c>RoleFerry:Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "RoleFerry:Maintenance";

    /// <summary>Contacts not contacted for this long are deleted, unless they opted out (kept as suppression).</summary>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Time of day (UTC) the daily run starts.</summary>
    public TimeSpan DailyRunAt { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// How often sequences that were enrolled but never started are looked for (a silo died between the
    /// enrollment's commit and the start of its sequence grain, or could not be reached during a failover); each one
    /// found is started then. One wake-up period (the reminder minimum), so such a sequence starts within the failover
    /// time plus one period, as DESIGN §4.4 bounds every step (a partial index makes the check one index probe).
    /// </summary>
    public TimeSpan StartCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An enrollment younger than this may still be starting its sequence: it is left alone (a start call ends within
    /// Orleans' response timeout, 30 s).
    /// </summary>
    public TimeSpan StartGrace { get; set; } = TimeSpan.FromSeconds(30);
}
