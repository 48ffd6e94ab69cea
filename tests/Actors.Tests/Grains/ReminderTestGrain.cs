using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

[GrainType("reminder-test")]
public sealed class ReminderTestGrain(Probe probe) : Grain, IReminderTestGrain, IRemindable
{
    private int _failNext;

    public Task ScheduleOnce(string name, DateTimeOffset dueAt) => RegisterOneShotReminder(name, dueAt);

    public Task SchedulePeriodic(string name, TimeSpan dueTime, TimeSpan period) =>
        RegisterOrUpdateReminder(name, dueTime, period);

    public Task Cancel(string name) => UnregisterReminder(name);

    public Task FailNextTicks(int count)
    {
        _failNext = count;
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_failNext > 0)
        {
            _failNext--;
            probe.Record("tick-failed", GrainId, reminderName, status.CurrentTickTime, status);
            throw new InvalidOperationException("tick failed on purpose");
        }

        probe.Record("tick", GrainId, reminderName, status.CurrentTickTime, status);
        return Task.CompletedTask;
    }
}
