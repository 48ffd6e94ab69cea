using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace RoleFerry.Testing;

public static class TestClockServices
{
    /// <summary>
    /// Puts a silo's grains and reminder service on the test's fake clock and leaves every other Orleans area
    /// (membership, messaging, activation collection, ...) on real time. The reminder service holds every
    /// reminder in memory (a loading window of years) and refreshes from the table once a (fake) day: jumps of the
    /// clock then never skip a tick Orleans would have loaded; the loading window itself is Orleans' own behaviour.
    /// </summary>
    public static IServiceCollection AddTestClock(this IServiceCollection services, TestClock clock)
    {
        services.AddSingleton<TimeProvider>(clock.Time);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock.Time);
        services.AddSingleton(clock);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, FollowSiloReminders>();
        services.PostConfigure<ReminderOptions>(o =>
        {
            o.ReminderLoadingWindow = TimeSpan.FromDays(3650);
            o.RefreshReminderListPeriod = TimeSpan.FromDays(1);
        });
        return services;
    }
}
