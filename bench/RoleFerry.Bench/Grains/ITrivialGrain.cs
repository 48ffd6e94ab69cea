namespace RoleFerry.Bench.Grains;

/// <summary>A grain with trivial in-memory state (no persistence): the memory and activation-rate subject.</summary>
[Alias("RoleFerry.Bench.ITrivialGrain")]
public interface ITrivialGrain : IGrainWithIntegerKey
{
    [Alias("Touch")]
    Task<int> TouchAsync();

    /// <summary>Deactivates the activation once this turn ends (<c>DeactivateOnIdle</c>).</summary>
    [Alias("Deactivate")]
    Task DeactivateAsync();
}
