using RoleFerry.Actors;

namespace RoleFerry.Bench.Grains;

/// <summary>One int of state, no storage, no reminders.</summary>
[GrainType("bench-trivial")]
public sealed class TrivialGrain : Grain, ITrivialGrain
{
    private int _touches;

    public Task<int> TouchAsync() => Task.FromResult(++_touches);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
