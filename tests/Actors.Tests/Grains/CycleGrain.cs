using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

[GrainType("cycle")]
public sealed class CycleGrain(Probe probe) : Grain, ICycleGrain
{
    public async Task Ping(long next, int hops)
    {
        probe.Record("ping", GrainId);
        if (hops == 0)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICycleGrain>(next).Ping(GetPrimaryKeyLong(), hops - 1);
        }
        catch (GrainCallTimeoutException timeout)
        {
            probe.Record("timeout", GrainId, string.Join(" -> ", timeout.CallChain));
            throw;
        }
    }
}
