using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using RoleFerry.Actors;
using RoleFerry.Actors.Hosting;
using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// (3) Timer precision: lateness of one-shot reminders (grain method start on the real clock − due time) with
/// <see cref="ReminderPrecisionPlan.Pending"/> reminders pending far ahead and a stream of due ones. The due rows
/// written into the table before the silo starts reach memory through the service's scans; a share is registered
/// live through the grain API 2–5 s ahead. Baseline: graphile-worker's run_at → start lateness, when given.
/// </summary>
public sealed partial class ReminderPrecisionBench(BenchDatabase databases, ResultTable table, ReminderPrecisionPlan plan, Func<Task<Latencies?>> baseline)
{
    private const string Section = "3 timer precision";
    private const string BaselineName = "graphile-worker run_at → start, jobs due 2–5 s ahead, poll 500 ms";

    public async Task RunAsync()
    {
        var connectionString = await databases.CreateAsync();
        var partitions = new PartitionMap(new ActorRuntimeOptions().PartitionCount);
        var seed = await SeedAsync(connectionString, partitions);
        var (first, expectedDue, apiDue, scanPlan, scanMs, _) = seed;
        NpgsqlConnection.ClearAllPools();
        ReminderArrivals.Clear();

        var startWatch = Stopwatch.StartNew();
        await using var silo = await BenchSilo.StartAsync(connectionString, configure: o =>
        {
            o.ReminderWindow = plan.Window;
            o.ReminderScanInterval = plan.ScanInterval;
        });
        startWatch.Stop();
        if (silo.Options.PartitionCount != partitions.PartitionCount)
        {
            throw new InvalidOperationException($"The silo runs {silo.Options.PartitionCount} partitions; the seed assumed {partitions.PartitionCount}.");
        }

        var startedAt = DateTimeOffset.UtcNow;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var registering = RegisterAsync(silo, apiDue);
        var last = first + plan.Measured;
        var registrationFailures = await registering;
        while (ReminderArrivals.Count < expectedDue.Count && DateTimeOffset.UtcNow < last + plan.Grace)
        {
            await Task.Delay(100);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var streamSeconds = Math.Max(1, (DateTimeOffset.UtcNow - startedAt).TotalSeconds);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate tick would show up here
        var (rowsLeft, dueRowsLeft) = await WaitForTableAsync(silo.DataSource, last);
        var heapMiB = GC.GetTotalMemory(false) / 1048576.0;
        var workingSetMiB = Environment.WorkingSet / 1048576.0;
        var activations = silo.Runtime.ActivationCount;
        var options = silo.Options;

        var arrivals = ReminderArrivals.Snapshot();
        var check = ReminderFiringCheck.Of(expectedDue, arrivals, rowsLeft, dueRowsLeft, plan.Pending);
        var baselineLatencies = await baseline();
        var caseName = $"{plan.Pending:N0} pending, {plan.DuePerMinute:N0} due/min for {plan.Measured.TotalSeconds:0} s";
        var apiKeys = apiDue.Select(a => a.Key).ToHashSet();
        var unique = arrivals.Where(a => expectedDue.ContainsKey(a.Key)).DistinctBy(a => a.Key).ToArray();
        AddLateness(caseName, "all due", unique, baselineLatencies);
        AddLateness(caseName, "rows in the table, found by scans", unique.Where(a => !apiKeys.Contains(a.Key)).ToArray(), baselineLatencies);
        AddLateness(caseName, "registered via grain API 2–5 s ahead", unique.Where(a => apiKeys.Contains(a.Key)).ToArray(), baselineLatencies);
        table.Add(new ResultRow(Section, caseName, $"due reminders fired exactly once, of {check.Expected:N0}", "count", check.ExactlyOnce, null, "—"));
        table.Add(new ResultRow(Section, caseName, "process CPU while the stream ran", "% of one core", 100 * cpu.TotalSeconds / streamSeconds, null, "—"));
        table.Add(new ResultRow(Section, caseName, "scan query at this size (EXPLAIN ANALYZE)", "ms", scanMs, null, "—"));

        var timer = ToLatencies(unique.Select(a => a.TimerLateness));
        table.Note($"{Section}: {check.Describe()}; {registrationFailures} API registrations failed.");
        table.Note($"{Section}: runtime options ReminderWindow {options.ReminderWindow}, ReminderScanInterval {options.ReminderScanInterval}, "
                   + $"MaxConcurrentReminderTicks {options.MaxConcurrentReminderTicks}, PartitionCount {options.PartitionCount}; "
                   + $"{plan.SeededCount:N0} due rows in the table before the silo started (first due {plan.Lead.TotalSeconds:0} s after they were written), "
                   + $"{plan.ViaApiCount:N0} registered via the API; seeding {seed.Elapsed.TotalSeconds:0.0} s, silo start (incl. first scan) {startWatch.Elapsed.TotalMilliseconds:0} ms"
                   + (startedAt > first ? $", started {(startedAt - first).TotalMilliseconds:0} ms AFTER the first due time" : "") + ".");
        table.Note($"{Section}: the service's own tick time (TickStatus.CurrentTickTime − due) p50 {Ms(timer, 50)} ms, p99 {Ms(timer, 99)} ms, max {Ms(timer, 100)} ms; "
                   + $"the rest of the lateness is the turn queue and, for table rows, the activation. Process at the end: managed heap {heapMiB:0} MiB, "
                   + $"working set {workingSetMiB:0} MiB, {activations:N0} activations; GC pauses {gcPause.TotalMilliseconds:0} ms in total while the stream ran ({gen2} gen2 collections).");
        table.Note($"{Section}: {unique.Count(a => a.Lateness > TimeSpan.FromMilliseconds(50)):N0} ticks later than 50 ms; the 5 latest, as (due time in s after the silo started: lateness ms): "
                   + string.Join(", ", unique.OrderByDescending(a => a.Lateness).Take(5).Select(a => $"{(a.DueAt - startedAt).TotalSeconds:0.0}: {a.Lateness.TotalMilliseconds:0}"))
                   + $" (periodic scans every {plan.ScanInterval.TotalSeconds:0} s after the start).");
        table.Note($"{Section}: scan query over {plan.Pending + plan.SeededCount:N0} rows (ReminderTable.ScanDueAsync's SQL, horizon now + window, before the silo started): "
                   + string.Join(" / ", scanPlan.Select(l => AllPartitions().Replace(l.Trim(), $"'{{0..{partitions.PartitionCount - 1}}}'"))));
        Console.WriteLine("  scan plan:\n    " + string.Join("\n    ", scanPlan));
        if (!check.Ok)
        {
            throw new InvalidOperationException($"{Section}: {check.Describe()}");
        }
    }

    /// <summary>
    /// Writes the pending rows (1–30 days ahead) and the table part of the due stream (from <see cref="ReminderPrecisionPlan.Lead"/>
    /// on), plans the API part, refreshes statistics and explains the scan; the silo is not running yet.
    /// </summary>
    private async Task<ReminderSeeding> SeedAsync(string connectionString, PartitionMap partitions)
    {
        var random = new Random(3);
        var seedWatch = Stopwatch.StartNew();
        var expectedDue = new Dictionary<long, DateTime>();
        var apiDue = new List<(long Key, DateTime Due, DateTime RegisterAt)>();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var now = DateTimeOffset.UtcNow;
        var pending = Enumerable.Range(0, plan.Pending)
            .Select(_ => ReminderSeed.ToMicroseconds(now + TimeSpan.FromDays(1 + (29 * random.NextDouble()))))
            .ToArray();
        await ReminderSeed.InsertAsync(dataSource, partitions, 1, pending);

        var first = DateTimeOffset.UtcNow + plan.Lead;
        var seeded = Enumerable.Range(0, plan.SeededCount).Select(_ => ReminderSeed.ToMicroseconds(first + (plan.Measured * random.NextDouble()))).ToArray();
        var seededFirstKey = plan.Pending + 1L;
        for (var i = 0; i < seeded.Length; i++)
        {
            expectedDue[seededFirstKey + i] = seeded[i];
        }

        // Registered through the API 2–5 s ahead, so due from 5 s into the stream: never before the silo runs.
        var apiFirstKey = seededFirstKey + seeded.Length;
        for (var i = 0; i < plan.ViaApiCount; i++)
        {
            var due = ReminderSeed.ToMicroseconds(first + TimeSpan.FromSeconds(5) + ((plan.Measured - TimeSpan.FromSeconds(5)) * random.NextDouble()));
            expectedDue[apiFirstKey + i] = due;
            apiDue.Add((apiFirstKey + i, due, due - TimeSpan.FromSeconds(2 + (3 * random.NextDouble()))));
        }

        await ReminderSeed.InsertAsync(dataSource, partitions, seededFirstKey, seeded);
        await ReminderSeed.AnalyzeAsync(dataSource);
        var (scanPlan, scanMs) = await ReminderScanExplain.RunAsync(dataSource, partitions.PartitionCount, DateTimeOffset.UtcNow + plan.Window);
        apiDue.Sort((a, b) => a.RegisterAt.CompareTo(b.RegisterAt));
        return new ReminderSeeding(first, expectedDue, apiDue, scanPlan, scanMs, seedWatch.Elapsed);
    }

    private void AddLateness(string caseName, string path, IReadOnlyList<ReminderArrival> arrivals, Latencies? baselineLatencies)
    {
        var lateness = ToLatencies(arrivals.Select(a => a.Lateness));
        foreach (var (name, percentile) in new[] { ("p50", 50.0), ("p99", 99.0), ("max", 100.0) })
        {
            table.Add(new ResultRow(Section, caseName, $"lateness {name}, {path} ({arrivals.Count:N0})", "ms", lateness.PercentileMicros(percentile) / 1000,
                baselineLatencies?.PercentileMicros(percentile) / 1000, baselineLatencies is null ? "graphile-worker peer not wired in (no baseline)" : BaselineName));
        }
    }

    /// <summary>Registers each API reminder at its registration time, without waiting for the previous call.</summary>
    private static async Task<int> RegisterAsync(BenchSilo silo, IReadOnlyList<(long Key, DateTime Due, DateTime RegisterAt)> schedule)
    {
        var calls = new List<Task>(schedule.Count);
        foreach (var (key, due, registerAt) in schedule)
        {
            var wait = registerAt - DateTime.UtcNow;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            calls.Add(silo.Grains.GetGrain<IReminderProbeGrain>(key).ScheduleAsync(new DateTimeOffset(due)));
        }

        var failures = 0;
        foreach (var call in calls)
        {
            try
            {
                await call;
            }
            catch (Exception error)
            {
                failures++;
                Console.Error.WriteLine($"  registration failed: {error.Message}");
            }
        }

        return failures;
    }

    /// <summary>Waits (up to 10 s) until the completed ticks' deletes are in: no row due by <paramref name="last"/>.</summary>
    private static async Task<(long All, long DueBy)> WaitForTableAsync(NpgsqlDataSource dataSource, DateTimeOffset last)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var counts = await ReminderSeed.CountAsync(dataSource, last);
            if (counts.DueBy == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return counts;
            }

            await Task.Delay(100);
        }
    }

    private static Latencies ToLatencies(IEnumerable<TimeSpan> values)
    {
        var latencies = new Latencies();
        latencies.AddRange(values.Select(v => (long)(v.Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond)));
        return latencies;
    }

    [GeneratedRegex(@"'\{[0-9,]+\}'")]
    private static partial Regex AllPartitions();

    private static string Ms(Latencies latencies, double percentile) => ResultTable.Format(latencies.PercentileMicros(percentile) / 1000);
}
