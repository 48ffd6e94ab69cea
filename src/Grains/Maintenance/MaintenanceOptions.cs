namespace RoleFerry.Grains.Maintenance;

/// <summary>Housekeeping settings (section <c>RoleFerry:Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "RoleFerry:Maintenance";

    /// <summary>Contacts not contacted for this long are deleted, unless they opted out (kept as suppression).</summary>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Time of day (UTC) the daily run starts.</summary>
    public TimeSpan DailyRunAt { get; set; } = TimeSpan.FromHours(3);
}
