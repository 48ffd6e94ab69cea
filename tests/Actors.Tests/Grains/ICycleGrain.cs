using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public interface ICycleGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// While <paramref name="hops"/> &gt; 0, calls <paramref name="next"/>.Ping(this grain, hops - 1): two grains
    /// pinging each other form a cycle.
    /// </summary>
    Task Ping(long next, int hops);
}
