using System.Collections.Concurrent;
using System.Diagnostics;
using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// (4) Memory per active grain and activation / deactivation rate, for an Orleans grain with one int of state and no
/// storage, in the product's silo (<see cref="BenchSilo"/>). Memory: GC.GetTotalMemory(forceFullCollection: true)
/// before and after <c>count</c> activations, divided by count (the silo runs in this process, so Orleans' activation
/// data, grain directory entry and message plumbing are all in this heap). Activation counts: Orleans' management
/// grain (<c>GetTotalActivationCount</c>), less the activations the silo had before (platform grains, dashboard).
/// Baseline: the same number of instances of the same grain class created with <c>new</c> and kept in a
/// ConcurrentDictionary keyed by id — the object without Orleans around it.
/// </summary>
public sealed class ActivationMemoryBench(BenchSilo silo, ResultTable table, int count)
{
    private const string Section = "4 activations";
    private const string Baseline = "same grain class: new + ConcurrentDictionary<long, TrivialGrain>";
    private const int Batch = 1_000;

    public async Task RunAsync()
    {
        var caseName = $"{count:N0} trivial grains";

        // Warm-up on other keys: JIT of the activation path.
        var resident = await silo.ActivationCountAsync();
        await ForAllAsync(1_000, key => silo.Grains.GetGrain<ITrivialGrain>(-key).TouchAsync());
        await ForAllAsync(1_000, key => silo.Grains.GetGrain<ITrivialGrain>(-key).DeactivateAsync());
        await WaitForActivationCountAsync(resident);

        var baseline = MeasureBaseline();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        await ForAllAsync(count, key => silo.Grains.GetGrain<ITrivialGrain>(key).TouchAsync());
        var activation = Stopwatch.GetElapsedTime(started);
        var active = await silo.ActivationCountAsync() - resident;
        if (active < count)
        {
            throw new InvalidOperationException($"Expected {count} activations, found {active}.");
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perGrain = (after - before) / (double)count;

        started = Stopwatch.GetTimestamp();
        await ForAllAsync(count, key => silo.Grains.GetGrain<ITrivialGrain>(key).DeactivateAsync());
        await WaitForActivationCountAsync(resident);
        var deactivation = Stopwatch.GetElapsedTime(started);
        var left = GC.GetTotalMemory(forceFullCollection: true);

        table.Add(new ResultRow(Section, caseName, "bytes per active grain", "B", perGrain, baseline.BytesPerObject, Baseline));
        table.Add(new ResultRow(Section, caseName, "activations/s (first call)", "1/s", count / activation.TotalSeconds, baseline.CreateRate, Baseline));
        table.Add(new ResultRow(Section, caseName, "deactivations/s (DeactivateOnIdle)", "1/s", count / deactivation.TotalSeconds, baseline.RemoveRate, Baseline));
        table.Note($"{Section}: heap {before / 1048576.0:0.0} MiB before, {after / 1048576.0:0.0} MiB with {count:N0} activations, "
                   + $"{left / 1048576.0:0.0} MiB after all deactivated (retained {(left - before) / (double)count:0.0} B per former activation); "
                   + $"{resident} other activations in the silo throughout (platform grains, dashboard); deactivation counted until the count was back to them.");
    }

    private (double BytesPerObject, double CreateRate, double RemoveRate) MeasureBaseline()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        var objects = new ConcurrentDictionary<long, TrivialGrain>();
        for (long key = 1; key <= count; key++)
        {
            objects[key] = new TrivialGrain();
        }

        var create = Stopwatch.GetElapsedTime(started);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        started = Stopwatch.GetTimestamp();
        for (long key = 1; key <= count; key++)
        {
            objects.TryRemove(key, out _);
        }

        var remove = Stopwatch.GetElapsedTime(started);
        GC.KeepAlive(objects);
        return ((after - before) / (double)count, count / create.TotalSeconds, count / remove.TotalSeconds);
    }

    /// <summary>Calls <paramref name="call"/> for keys 1..n, <see cref="Batch"/> at a time.</summary>
    private static async Task ForAllAsync(int n, Func<long, Task> call)
    {
        var calls = new List<Task>(Batch);
        for (long key = 1; key <= n; key++)
        {
            calls.Add(call(key));
            if (calls.Count == Batch)
            {
                await Task.WhenAll(calls);
                calls.Clear();
            }
        }

        await Task.WhenAll(calls);
    }

    private async Task WaitForActivationCountAsync(int target)
    {
        var started = Stopwatch.GetTimestamp();
        int current;
        while ((current = await silo.ActivationCountAsync()) > target)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{current} activations still alive after 2 minutes (waiting for {target}).");
            }

            await Task.Delay(1);
        }
    }
}
