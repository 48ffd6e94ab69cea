using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Sequences;

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

    private const int StartCheckPageSize = 1000;

    public async Task EnsureScheduledAsync()
    {
        // Registered again every time (each silo's start asks): a deployment that changed the period gets it.
        var period = options.Value.StartCheckPeriod;
        await this.RegisterOrUpdateReminder(StartCheckReminder, period, period);

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

    /// <summary>
    /// Starts the sequences an enrollment committed but whose grain never scheduled step 1, page by page; one that
    /// fails to start is logged and left for the next check, and the ones after it still start.
    /// </summary>
    private async Task StartUnstartedAsync()
    {
        var enrolledBefore = clock.GetUtcNow() - options.Value.StartGrace;
        var (started, failed) = (0, 0);
        IReadOnlyList<long> page;
        var after = 0L;
        do
        {
            page = await store.FindUnstartedAsync(enrolledBefore, after, StartCheckPageSize);
            foreach (var id in page)
            {
                try
                {
                    await GrainFactory.GetGrain<ISequenceEngineGrain>(id).StartAsync();
                    started++;
                }
                catch (Exception error)
                {
                    failed++;
                    logger.LogError(error, "Maintenance: sequence {SequenceId} was enrolled but could not be started", id);
                }
            }

            after = page.Count > 0 ? page[^1] : after;
        }
        while (page.Count == StartCheckPageSize);

        if (started + failed > 0)
        {
            logger.LogWarning("Maintenance: started {Started} sequences enrolled but never started; {Failed} failed", started, failed);
        }
    }
}
