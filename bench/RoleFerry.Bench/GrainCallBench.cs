using System.Diagnostics;
using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// (6) Raw grain call: an empty grain method through Orleans, in the product's silo (grain reference → message →
/// the activation's scheduler → response), from outside any grain as the co-hosted API calls, against
/// a direct interface call on the same grain object. One caller in a loop (latency), then many callers each on
/// their own grain (throughput).
/// </summary>
public sealed class GrainCallBench(BenchSilo silo, ResultTable table, int calls, int callers)
{
    private const string Section = "6 raw grain call";
    private const string Baseline = "direct interface call on the same grain object";

    public async Task RunAsync()
    {
        var grains = Enumerable.Range(1, callers).Select(i => silo.Grains.GetGrain<IEmptyGrain>(i)).ToArray();
        foreach (var grain in grains)
        {
            await grain.PingAsync();
        }

        var direct = Enumerable.Range(1, callers).Select(i => EmptyGrain.Instances[i]).ToArray();

        // Warm-up: JIT, tiered compilation, thread pool.
        await SequentialAsync(grains[0], Math.Min(calls, 20_000));
        await SequentialAsync(direct[0], Math.Min(calls, 20_000));

        var (grainRate, grainLatency) = await SequentialAsync(grains[0], calls);
        var (directRate, directLatency) = await SequentialAsync(direct[0], calls);
        table.Add(new ResultRow(Section, "1 caller, sequential", "calls/s", "1/s", grainRate, directRate, Baseline));
        table.Add(new ResultRow(Section, "1 caller, sequential", "latency p50", "µs", grainLatency.PercentileMicros(50), directLatency.PercentileMicros(50), Baseline));
        table.Add(new ResultRow(Section, "1 caller, sequential", "latency p99", "µs", grainLatency.PercentileMicros(99), directLatency.PercentileMicros(99), Baseline));

        var grainParallel = await ParallelAsync(grains);
        var directParallel = await ParallelAsync(direct);
        table.Add(new ResultRow(Section, $"{callers} callers, one grain each", "calls/s", "1/s", grainParallel, directParallel, Baseline));
    }

    private static async Task<(double Rate, Latencies Latencies)> SequentialAsync(IEmptyGrain grain, int count)
    {
        var ticks = new long[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var before = Stopwatch.GetTimestamp();
            await grain.PingAsync();
            ticks[i] = Stopwatch.GetTimestamp() - before;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = new Latencies();
        latencies.AddRange(ticks);
        return (count / elapsed.TotalSeconds, latencies);
    }

    private async Task<double> ParallelAsync(IEmptyGrain[] targets)
    {
        var perCaller = Math.Max(1, calls / targets.Length);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(targets.Select(target => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                await target.PingAsync();
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return perCaller * targets.Length / elapsed.TotalSeconds;
    }
}
