using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Maintenance;

/// <summary>Daily housekeeping on a periodic reminder: stale contacts, expired jobs' queued steps.</summary>
[GrainType("maintenance")]
public sealed class MaintenanceGrain(
    MaintenanceStore store,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock,
    ILogger<MaintenanceGrain> logger) : Grain, IMaintenanceGrain, IRemindable
{
    public const string DailyReminder = "daily";

    public async Task EnsureScheduledAsync()
    {
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
        if (reminderName == DailyReminder)
        {
            await RunAsync();
        }
    }
}
