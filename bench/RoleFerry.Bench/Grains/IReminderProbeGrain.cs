using RoleFerry.Actors;

namespace RoleFerry.Bench.Grains;

/// <summary>A grain that receives one-shot reminders and records when each one reached it (section 3).</summary>
public interface IReminderProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the one-shot reminder <see cref="ReminderProbeGrain.ReminderName"/> through the grain API.</summary>
    Task ScheduleAsync(DateTimeOffset dueAt);
}
