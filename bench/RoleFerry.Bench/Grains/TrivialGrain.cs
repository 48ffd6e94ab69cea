namespace RoleFerry.Bench.Grains;

/// <summary>One int of state, no storage, no reminders.</summary>
[GrainType(TypeName)]
public sealed class TrivialGrain : Grain, ITrivialGrain
{
    public const string TypeName = "bench-trivial";

    private int _touches;

    public Task<int> TouchAsync() => Task.FromResult(++_touches);

    public Task DeactivateAsync()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
