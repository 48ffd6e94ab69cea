using System.Diagnostics;

namespace RoleFerry.Bench;

/// <summary>
/// The baseline's load: <c>workers</c> concurrent loops, each running one operation after the other for the given
/// duration (the same closed-loop shape as wrk's connections); requests/s = completed operations ÷ elapsed,
/// latency percentiles exact (nearest rank) over every operation.
/// </summary>
public static class SqlLoad
{
    public static async Task<LoadFigures> RunAsync(int workers, TimeSpan duration, Func<CancellationToken, Task> operation)
    {
        var latencies = new Latencies();
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (Stopwatch.GetTimestamp() < end)
            {
                var before = Stopwatch.GetTimestamp();
                await operation(stop.Token);
                mine.Add(Stopwatch.GetTimestamp() - before);
            }

            latencies.AddRange(mine);
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadFigures(latencies.Count / elapsed.TotalSeconds, latencies.PercentileMicros(50) / 1000,
            latencies.PercentileMicros(99) / 1000, latencies.Count);
    }
}
