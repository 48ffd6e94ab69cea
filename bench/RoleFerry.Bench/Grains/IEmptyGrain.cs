using RoleFerry.Actors;

namespace RoleFerry.Bench.Grains;

/// <summary>A grain with an empty method: what one call through the runtime costs, nothing else.</summary>
public interface IEmptyGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
