using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public interface IMetricsProbeGrain : IGrainWithIntegerKey
{
    Task Touch();

    Task Fail();

    Task Remind(DateTimeOffset dueAt);
}
