using Microsoft.Extensions.Options;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Bounds how many due steps one silo works on at once (<see cref="SequenceOptions.MaxConcurrentSends"/>). When
/// thousands of wake-ups fire together, unbounded they all wait on the same connection pool and mailboxes and the
/// first step leaves only after seconds; bounded, the first ones finish at once and the rest follow in turn.
/// </summary>
public sealed class SendGate(IOptions<SequenceOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSends);

    public async Task RunAsync(Func<Task> send)
    {
        await _slots.WaitAsync();
        try
        {
            await send();
        }
        finally
        {
            _slots.Release();
        }
    }
}
