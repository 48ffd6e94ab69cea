using RoleFerry.Actors;

namespace RoleFerry.Bench.Grains;

/// <summary>A grain with trivial in-memory state (no persistence): the memory and activation-rate subject.</summary>
public interface ITrivialGrain : IGrainWithIntegerKey
{
    Task<int> TouchAsync();

    /// <summary>Deactivates the activation once this turn ends.</summary>
    Task DeactivateAsync();
}
