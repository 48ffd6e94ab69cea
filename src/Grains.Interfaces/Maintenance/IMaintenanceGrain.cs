namespace RoleFerry.Grains.Interfaces.Maintenance;

/// <summary>
/// Daily housekeeping (key: "platform"), driven by a periodic reminder: deletes contacts 90 days after last
/// contact unless opted out, expires jobs past expires_at and cancels their queued steps.
/// </summary>
[Alias("RoleFerry.IMaintenanceGrain")]
public interface IMaintenanceGrain : IGrainWithStringKey
{
    public const string PlatformKey = "platform";

    /// <summary>Registers the daily reminder (idempotent); called at silo start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    [Alias("Run")]
    Task<MaintenanceReport> RunAsync();
}
