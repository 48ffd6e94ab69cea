using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Maintenance;

/// <summary>
/// Housekeeping on periodic reminders: daily, stale contacts and expired jobs' queued steps; every few minutes,
/// sequences enrolled but never started (their silo died between the enrollment's commit and the grain's start).
/// </summary>
[GrainType("maintenance")]
public sealed class MaintenanceGrain(
    MaintenanceStore store,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock,
    ILogger<MaintenanceGrain> logger) : Grain, IMaintenanceGrain, IRemindable
{
    public const string DailyReminder = "daily";

    public const string StartCheckReminder = "start-check";

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(StartCheckReminder) is null)
        {
            var period = options.Value.StartCheckPeriod;
            await this.RegisterOrUpdateReminder(StartCheckReminder, period, period);
        }

        if (await this.GetReminder(DailyReminder) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + options.Value.DailyRunAt;
        if (next <= now)
        {
            next = next.AddDays(1);
        }

        await this.RegisterOrUpdateReminder(DailyReminder, next - now, TimeSpan.FromDays(1));
    }

    public async Task<MaintenanceReport> RunAsync()
    {
        var now = clock.GetUtcNow();
        var deleted = await store.DeleteStaleContactsAsync(now - options.Value.ContactRetention);
        var (expiredJobs, sequences) = await store.FindExpiredAsync(now);
        foreach (var id in sequences)
        {
            await GrainFactory.GetGrain<ISequenceGrain>(id).StopAsync(SequenceStatuses.Canceled, "the job expired");
        }

        var report = new MaintenanceReport(deleted, expiredJobs, sequences.Count);
        logger.LogInformation("Maintenance: {Report}", report);
        return report;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case DailyReminder:
                await RunAsync();
                break;
            case StartCheckReminder:
                await StartUnstartedAsync();
                break;
        }
    }

    /// <summary>Starts the sequences an enrollment committed but whose grain never scheduled step 1.</summary>
    private async Task StartUnstartedAsync()
    {
        var unstarted = await store.FindUnstartedAsync(clock.GetUtcNow() - options.Value.StartGrace);
        foreach (var id in unstarted)
        {
            await GrainFactory.GetGrain<ISequenceGrain>(id).StartAsync();
        }

        if (unstarted.Count > 0)
        {
            logger.LogWarning("Maintenance: started {Count} sequences enrolled but never started", unstarted.Count);
        }
    }
}
