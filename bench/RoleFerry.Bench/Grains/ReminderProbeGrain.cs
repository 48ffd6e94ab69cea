using RoleFerry.Actors;

namespace RoleFerry.Bench.Grains;

/// <summary>
/// Records, as the first thing its reminder method does, the real clock (<see cref="TimeProvider.System"/>) against
/// the tick's due time. No state, no storage: what is measured is the reminder path (table, scan, in-memory window,
/// timer, turn queue, activation), not the grain.
/// </summary>
[GrainType(TypeName)]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string TypeName = "bench-reminder";
    public const string ReminderName = "due";

    public async Task ScheduleAsync(DateTimeOffset dueAt) => await RegisterOneShotReminder(ReminderName, dueAt);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderArrivals.Record(new ReminderArrival(GetPrimaryKeyLong(), reminderName, status.DueTime, status.CurrentTickTime, TimeProvider.System.GetUtcNow()));
        return Task.CompletedTask;
    }
}
