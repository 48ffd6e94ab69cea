using Orleans;
using Orleans.Runtime;

namespace RoleFerry.Testing;

/// <summary>Makes a test's <see cref="TestClock"/> follow a silo's reminder events from the silo's first start stage.</summary>
internal sealed class FollowSiloReminders(ILocalSiloDetails silo, TestClock clock) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FollowSiloReminders), ServiceLifecycleStage.First, _ =>
        {
            clock.Follow(silo.SiloAddress);
            return Task.CompletedTask;
        });
}
