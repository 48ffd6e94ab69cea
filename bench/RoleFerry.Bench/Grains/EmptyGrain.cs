using System.Collections.Concurrent;

namespace RoleFerry.Bench.Grains;

/// <summary>
/// Does nothing. Each activation registers itself in <see cref="Instances"/> so that the baseline can call the very
/// same object directly through its interface, without Orleans.
/// </summary>
[GrainType("bench-empty")]
public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public static ConcurrentDictionary<long, IEmptyGrain> Instances { get; } = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Instances[this.GetPrimaryKeyLong()] = this;
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;
}
