using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task ScheduleOnce(string name, DateTimeOffset dueAt);

    Task SchedulePeriodic(string name, TimeSpan dueTime, TimeSpan period);

    Task Cancel(string name);

    /// <summary>Makes the next <paramref name="count"/> ticks throw.</summary>
    Task FailNextTicks(int count);
}
