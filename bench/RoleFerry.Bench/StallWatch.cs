using System.Diagnostics;
using System.Globalization;

namespace RoleFerry.Bench;

/// <summary>
/// When this process stopped making progress while a section ran: every 100 ms it checks how long its own wait
/// took and how much GC pause time was added meanwhile, and records each wait that came back 500 ms late or more
/// (a stall: the thread pool or the machine was busy) and each 100 ms or more of GC pause, with the gen2 count.
/// </summary>
public sealed class StallWatch : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTimeOffset At, TimeSpan Late, TimeSpan Paused, int Gen2)> _events = [];
    private readonly Task _watching;

    public StallWatch() => _watching = Task.Run(WatchAsync);

    /// <summary>Each event as "at s (late ms, GC pause ms, gen2 +n)", seconds after <paramref name="origin"/>.</summary>
    public string Describe(DateTimeOffset origin)
    {
        lock (_events)
        {
            return _events.Count == 0
                ? "none"
                : string.Join(", ", _events.Select(e => string.Create(CultureInfo.InvariantCulture,
                    $"{(e.At - origin).TotalSeconds:0.0} s (late {e.Late.TotalMilliseconds:0} ms, GC pause {e.Paused.TotalMilliseconds:0} ms, gen2 +{e.Gen2})")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        var paused = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(Tick, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var late = Stopwatch.GetElapsedTime(started) - Tick;
            var (pausedNow, gen2Now) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            if (late >= TimeSpan.FromMilliseconds(500) || pausedNow - paused >= TimeSpan.FromMilliseconds(100))
            {
                lock (_events)
                {
                    _events.Add((DateTimeOffset.UtcNow, late, pausedNow - paused, gen2Now - gen2));
                }
            }

            (paused, gen2) = (pausedNow, gen2Now);
        }
    }
}
