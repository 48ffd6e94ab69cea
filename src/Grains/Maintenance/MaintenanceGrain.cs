using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoleFerry.Actors;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Maintenance;

/// <summary>Daily housekeeping on a periodic reminder: stale contacts, expired jobs' queued steps.</summary>
[GrainType("maintenance")]
public sealed class MaintenanceGrain(MaintenanceStore store, IOptions<MaintenanceOptions> options, ILogger<MaintenanceGrain> logger)
    : Grain, IMaintenanceGrain, IRemindable
{
    private const string DailyReminder = "daily";

    public async Task EnsureScheduledAsync()
    {
        if (await GetReminder(DailyReminder) is not null)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + options.Value.DailyRunAt;
        if (next <= now)
        {
            next = next.AddDays(1);
        }

        await RegisterOrUpdateReminder(DailyReminder, next - now, TimeSpan.FromDays(1));
    }

    public async Task<MaintenanceReport> RunAsync()
    {
        var now = TimeProvider.GetUtcNow();
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
