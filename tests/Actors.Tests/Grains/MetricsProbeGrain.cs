using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

[GrainType("metrics-probe")]
public sealed class MetricsProbeGrain(Probe probe) : Grain, IMetricsProbeGrain, IRemindable
{
    public Task Touch() => Task.CompletedTask;

    public Task Fail() => throw new InvalidOperationException("fails on purpose");

    public Task Remind(DateTimeOffset dueAt) => RegisterOneShotReminder("metrics", dueAt);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record("metrics-tick", GrainId);
        return Task.CompletedTask;
    }
}
