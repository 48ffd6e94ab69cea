using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public interface ICounterGrain : IGrainWithIntegerKey
{
    /// <summary>Reads, waits a little, writes: lost updates would show if two turns interleaved.</summary>
    Task<int> Increment();

    Task<int> Get();

    Task SetText(string text);

    Task<string?> GetText();

    Task<Guid> ActivationId();

    /// <summary>Sets the text in memory only, then holds the turn until the probe's gate opens.</summary>
    Task SetTextSlowly(string text, TaskCompletionSource gate);
}
