namespace RoleFerry.Bench.Grains;

/// <summary>A grain with an empty method: what one call through Orleans costs, nothing else.</summary>
[Alias("RoleFerry.Bench.IEmptyGrain")]
public interface IEmptyGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task PingAsync();
}
