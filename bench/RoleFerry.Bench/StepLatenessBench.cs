using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Sequences;
using RoleFerry.Silo.Reminders;

namespace RoleFerry.Bench;

/// <summary>
/// (3) Step lateness at scale, as the product produces it: due time (the row's next_step_due_at) → the step's claim
/// (outreach.claimed_at, written by SequenceGrain with its clock just before the claim's UPDATE), with
/// <see cref="StepLatenessPlan.Pending"/> wake-up reminders of sequences waiting days ahead in Orleans' reminder
/// table and a stream of due steps. The stream's wake-up rows are in the table before the product silo
/// (<see cref="BenchSilo"/>, null mail transport) starts, so Orleans' reminder service finds them by its initial read
/// or, for the stream's tail, by a periodic refresh; a share is started live through the grain API 2–5 s ahead.
/// Also measured: the reminder service's own part (tick fired − due, from Orleans' reminder diagnostic events), and
/// the database load of the refreshes (pg_stat_statements of the ring-range reads; one whole-ring read through
/// the silo's IReminderTable, BatchedReminderTable, timed in this process). Baseline: graphile-worker's run_at → start lateness, when given.
/// Checked in the same run: every due step claimed and sent exactly once, no pending reminder fired, and afterwards
/// the table holds the pending rows plus one step-2 wake-up per sent step, none due.
/// </summary>
public sealed class StepLatenessBench(
    BenchDatabase databases, ResultTable table, StepLatenessPlan plan, BenchOptions options, Func<Task<Latencies?>> baseline)
{
    private const string Section = "3 step lateness";
    private const string BaselineName = "graphile-worker run_at → start, jobs due 2–5 s ahead, poll 500 ms";
    private const string RangeReads = "%FROM orleansreminderstable%grainhash >%";

    public async Task RunAsync()
    {
        var connectionString = await databases.CreateAsync();
        await using var observer = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 }.ConnectionString);
        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secrets = new SecretProtector(Options.Create(new SecurityOptions { SecretKey = secretKey }));
        var total = plan.DueCount + StepLatenessPlan.Warmup;
        var mailboxes = Math.Max(10, total / 1_000);
        var seed = new DispatchSeed(total, 100, mailboxes, 2 * ((total + mailboxes - 1) / mailboxes), "smtp.roleferry.bench", 587,
            secrets.Encrypt("bench-password"), "d" + Guid.NewGuid().ToString("N")[..10] + ".roleferry.bench", DateTimeOffset.UtcNow);

        var seeding = Stopwatch.StartNew();
        await StatementCounter.EnableAsync(observer);
        var stream = await SeedAsync(observer, seed);
        seeding.Stop();
        var (scanPlan, scanMs) = stream.Explain;
        var rangeBefore = await StatementCounter.TotalsAsync(observer, RangeReads);
        NpgsqlConnection.ClearAllPools();

        var nullTransport = new NullMailTransport();
        var overrides = new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = secretKey,
            ["RoleFerry:Quotas:Tiers:enterprise:MaxActiveSequences"] = "10000000",
            ["RoleFerry:Quotas:Tiers:enterprise:MaxSendsPerDay"] = "10000000",
        };

        using var reminders = new ReminderActivity(DispatchSeed.SequenceGrainType);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var startCall = DateTimeOffset.UtcNow;
        Console.WriteLine($"step lateness: silo start call at {startCall:HH:mm:ss.fff} UTC");
        await using var silo = await BenchSilo.StartAsync(connectionString, overrides: overrides,
            services: s =>
            {
                s.Replace(ServiceDescriptor.Singleton<IMailTransport>(nullTransport));
                if (plan.LoadingWindow is { } window)
                {
                    s.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = window);
                }

                if (plan.RefreshPeriod is { } refresh)
                {
                    s.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = refresh);
                }
            },
            logPath: Path.Combine(options.ResultsFolder, "silo-step-lateness.log"));
        var reminderOptions = silo.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        var refreshes = new SortedSet<DateTimeOffset>();
        using var stopWatching = new CancellationTokenSource();
        var watching = WatchRefreshesAsync(observer, refreshes, stopWatching.Token);
        await using var stalls = new StallWatch();

        var registrationFailures = await StartLiveAsync(silo, stream.Live);
        var last = stream.First + plan.Measured;
        // Orleans skips the ticks a reminder missed before its silo held it: a step due before the initial read
        // finished ticks one period later (the harness's start, not the steady state; reported apart).
        var lateLoad = reminders.ServiceStartedAt is not { } loaded || loaded > stream.Steps.Min(s => s.At);
        var deadline = last + plan.Grace + (lateLoad ? DispatchSeed.WakeUpPeriod : TimeSpan.Zero);
        while (DateTimeOffset.UtcNow < deadline && await SentAsync(observer) < total)
        {
            await Task.Delay(250);
        }

        await stopWatching.CancelAsync();
        await watching;

        var streamSeconds = Math.Max(1, (DateTimeOffset.UtcNow - startCall).TotalSeconds);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var allocatedMiB = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0;
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second tick of a sequence would show up here
        var refreshRead = await TimeWholeTableReadAsync(silo);
        var heapMiB = GC.GetTotalMemory(false) / 1048576.0;
        // What is live: the heap above still holds whatever garbage the last collection left (hundreds of MiB).
        var liveHeapMiB = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        var workingSetMiB = Environment.WorkingSet / 1048576.0;
        var activations = await silo.ActivationCountAsync();
        var siloLog = silo.Log.Describe();
        var serviceStarted = reminders.ServiceStartedAt;

        var rangeAfter = await StatementCounter.TotalsAsync(observer, RangeReads);
        var steps = await StepsAsync(observer);
        var (rowsLeft, pendingLeft, stepTwoRows, dueRowsLeft) = await TableAfterAsync(observer, stream.PendingFirstKey, last);

        // Lateness of every step, by how its wake-up reached the reminder service.
        var refreshBoundary = (serviceStarted ?? startCall) + reminderOptions.ReminderLoadingWindow;
        var claimed = new List<(StepDue Due, TimeSpan Claim, TimeSpan Sent, TimeSpan? Tick)>();
        var missing = 0;
        foreach (var due in stream.Steps.Where(s => !s.Warmup))
        {
            if (!steps.TryGetValue(due.Id, out var row) || row.ClaimedAt is null || row.SentAt is null)
            {
                missing++;
                continue;
            }

            TimeSpan? fired = reminders.FirstTicks.TryGetValue(OrleansReminderRows.IntegerKeyed(DispatchSeed.SequenceGrainType, due.Id), out var first)
                ? first.FiredAt - due.At
                : null;
            claimed.Add((due, row.ClaimedAt.Value - due.At, row.SentAt.Value - due.At, fired));
        }

        var sentTwice = steps.Values.Count(s => s.Sends > 1);
        var warmupSent = stream.Steps.Count(s => s.Warmup && steps.TryGetValue(s.Id, out var row) && row.SentAt is not null);
        var pendingFired = reminders.FirstTicks.Keys.Count(g => g.GetIntegerKey() >= stream.PendingFirstKey);
        var ticksPerStep = stream.Steps.Where(s => !s.Warmup)
            .Select(d => reminders.FirstTicks.TryGetValue(OrleansReminderRows.IntegerKeyed(DispatchSeed.SequenceGrainType, d.Id), out var t) ? t.Firings : 0)
            .ToArray();
        var ok = missing == 0 && sentTwice == 0 && pendingFired == 0 && pendingLeft == plan.Pending && stepTwoRows == total
                 && dueRowsLeft == 0 && registrationFailures == 0 && nullTransport.Sends == total && warmupSent == StepLatenessPlan.Warmup;
        var check = string.Create(CultureInfo.InvariantCulture,
            $"{(ok ? "check OK" : "check FAILED")}: {claimed.Count:N0} of {plan.DueCount:N0} due steps claimed and sent ({missing} missing, {sentTwice} sent twice), "
            + $"{warmupSent} of {StepLatenessPlan.Warmup} warm-up steps sent, "
            + $"{nullTransport.Sends:N0} transport calls; {pendingFired} pending reminders fired; table afterwards: {rowsLeft:N0} rows = {pendingLeft:N0} pending "
            + $"(expected {plan.Pending:N0}) + {stepTwoRows:N0} step-2 wake-ups 48 h ahead (expected {total:N0}), {dueRowsLeft} rows due by the stream's end; "
            + $"{registrationFailures} live starts failed");

        var baselineLatencies = await baseline();
        var caseName = ($"{plan.Pending:N0} pending, {plan.DuePerMinute:N0} steps due/min for {plan.Measured.TotalSeconds:0} s"
            + (plan.LoadingWindow is null ? "" : $" (loading window {plan.EffectiveLoadingWindow.TotalSeconds:0} s, refresh {plan.EffectiveRefreshPeriod.TotalSeconds:0} s)"));
        var loadedAt = serviceStarted ?? startCall;
        var beforeLoad = claimed.Where(c => !c.Due.Live && c.Due.At <= loadedAt).ToArray();
        var initial = claimed.Where(c => !c.Due.Live && c.Due.At > loadedAt && c.Due.At <= refreshBoundary).ToArray();
        var refreshed = claimed.Where(c => !c.Due.Live && c.Due.At > refreshBoundary).ToArray();
        var live = claimed.Where(c => c.Due.Live).ToArray();
        AddLateness(caseName, "all due", claimed.Select(c => c.Claim).ToArray(), baselineLatencies);
        AddLateness(caseName, "rows in the table, loaded by the initial read", initial.Select(c => c.Claim).ToArray(), baselineLatencies);
        AddLateness(caseName, "rows in the table, loaded by a periodic refresh", refreshed.Select(c => c.Claim).ToArray(), baselineLatencies);
        AddLateness(caseName, "started via the grain API 2–5 s ahead", live.Select(c => c.Claim).ToArray(), baselineLatencies);
        if (beforeLoad.Length > 0)
        {
            AddLateness(caseName, "rows due before the silo's initial read finished (next tick one period later)", beforeLoad.Select(c => c.Claim).ToArray(), baselineLatencies);
        }

        table.Add(new ResultRow(Section, caseName, $"due steps claimed and sent exactly once, of {plan.DueCount:N0}", "count", claimed.Count - sentTwice, null, "—"));
        table.Add(new ResultRow(Section, caseName, "process CPU (silo + harness) while the stream ran", "% of one core", 100 * cpu.TotalSeconds / streamSeconds, null, "—"));
        if (rangeBefore is { } b && rangeAfter is { } a && a.Calls > b.Calls)
        {
            var calls = a.Calls - b.Calls;
            table.Add(new ResultRow(Section, caseName, "reminder table refresh: rows read per refresh (pg_stat_statements)", "rows", (double)(a.Rows - b.Rows) / calls, null, "—"));
            table.Add(new ResultRow(Section, caseName, "reminder table refresh: server time per refresh read (pg_stat_statements mean)", "ms", (a.TotalMs - b.TotalMs) / calls, null, "—"));
        }

        table.Add(new ResultRow(Section, caseName, "reminder table refresh: one whole-ring read through the silo's IReminderTable", "ms", refreshRead.Milliseconds, null, "—"));
        table.Add(new ResultRow(Section, caseName, "reminder table refresh: managed memory allocated by that read", "MiB", refreshRead.AllocatedMiB, null, "—"));

        var tick = ToLatencies(claimed.Where(c => c.Tick is not null).Select(c => c.Tick!.Value));
        var sentLateness = ToLatencies(claimed.Select(c => c.Sent));
        table.Note($"{Section}: {check}.");
        table.Note(($"{Section}: Orleans ReminderOptions ReminderLoadingWindow {reminderOptions.ReminderLoadingWindow}, RefreshReminderListPeriod {reminderOptions.RefreshReminderListPeriod}, "
            + $"MinimumReminderPeriod {reminderOptions.MinimumReminderPeriod}; wake-up period {DispatchSeed.WakeUpPeriod}; "
            + $"{plan.TableCount:N0} due wake-up rows in the table before the silo started (first due {plan.Lead.TotalSeconds:0} s after they were written), "
            + $"{plan.LiveCount:N0} started via the API, {StepLatenessPlan.Warmup} warm-up steps due 4–6 s before the stream (left out of the figures); seeding {seeding.Elapsed.TotalSeconds:0.0} s; silo start {silo.StartDuration.TotalSeconds:0.0} s; "
            + (serviceStarted is { } ss ? $"reminder service's initial read done {(ss - startCall).TotalSeconds:0.0} s after the start call, " : "no reminder-service start event seen, ")
            + $"first due {(stream.First - startCall).TotalSeconds:0.0} s after it; {beforeLoad.Length:N0} table rows due before the initial read finished, {initial.Length:N0} within its window, "
            + $"{refreshed.Length:N0} after it (due later than {(refreshBoundary - startCall).TotalSeconds:0} s after the start call)."));
        table.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Section}: the reminder service's own part (tick fired, wall clock − due) p50 {Ms(tick, 50)} ms, p99 {Ms(tick, 99)} ms, max {Ms(tick, 100)} ms "
            + $"({tick.Count:N0} first ticks); the rest of due → claimed is the grain's activation (state read, reminder lookup) and its work before the claim "
            + $"(context read, mailbox reservation, quota, render). Due → sent p50 {Ms(sentLateness, 50)} ms, p99 {Ms(sentLateness, 99)} ms. "
            + $"Ticks per step: {ticksPerStep.Count(t => t == 1):N0} once, {ticksPerStep.Count(t => t > 1):N0} more than once, {ticksPerStep.Count(t => t == 0):N0} none seen; "
            + $"{reminders.Fired:N0} ticks fired in all, {reminders.Failed:N0} failed ({reminders.DescribeFailures()}); {reminders.Loaded:N0} reminders held in memory at some point, "
            + $"{reminders.StoppedOutsideWindow:N0} dropped from memory as their next tick left the window."));
        table.Note($"{Section}: due → claimed by minute of due time after the first due step, as (minute: steps, p99 ms, max ms): "
                   + string.Join(", ", claimed.GroupBy(c => (int)((c.Due.At - stream.First).TotalMinutes)).OrderBy(g => g.Key)
                       .Select(g =>
                       {
                           var minute = ToLatencies(g.Select(c => c.Claim));
                           return $"{g.Key}: {minute.Count:N0}, {Ms(minute, 99)}, {Ms(minute, 100)}";
                       })));
        table.Note($"{Section}: this process's stalls and GC pauses while the silo ran, in s after the start call: {stalls.Describe(startCall)}.");
        table.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Section}: process at the end: managed heap {heapMiB:0} MiB ({liveHeapMiB:0} MiB live after a full collection), working set {workingSetMiB:0} MiB, {activations:N0} activations; while the stream ran "
            + $"{allocatedMiB:N0} MiB allocated, GC pauses {gcPause.TotalMilliseconds:0} ms in total ({gen2} gen2 collections); silo warnings/errors: {siloLog}."));
        var periodLate = claimed.Where(c => c.Claim > TimeSpan.FromSeconds(30)).ToArray();
        if (periodLate.Length > 0)
        {
            string Kind(StepDue d) => d.Live ? "live" : d.At <= loadedAt ? "before the initial read" : d.At <= refreshBoundary ? "initial read" : "refresh";
            table.Note($"{Section}: {periodLate.Length:N0} steps went out a wake-up period late or more (their first tick failed or was missed, the next one sent them): "
                       + string.Join(", ", periodLate.Take(10).Select(c => $"due {(c.Due.At - startCall).TotalSeconds:0.0} s after the start call ({Kind(c.Due)}), "
                                                                         + $"claimed {c.Claim.TotalSeconds:0.0} s late, first tick {(c.Tick is { } t ? $"{t.TotalSeconds:0.0} s late" : "not seen")}, "
                                                                         + $"first held in memory {(reminders.FirstLoaded.TryGetValue(OrleansReminderRows.IntegerKeyed(DispatchSeed.SequenceGrainType, c.Due.Id), out var l) ? $"{(l - c.Due.At).TotalSeconds:+0.0;-0.0} s from due" : "never")}"))
                       + $"; refresh reads seen at {string.Join(", ", refreshes.Select(r => $"{(r - startCall).TotalSeconds:0.0}"))} s.");
        }

        table.Note((
            $"{Section}: {claimed.Count(c => c.Claim > TimeSpan.FromMilliseconds(100)):N0} steps claimed later than 100 ms after due; the 5 latest, as (due time in s after the start call: lateness ms): "
            + string.Join(", ", claimed.OrderByDescending(c => c.Claim).Take(5).Select(c => $"{(c.Due.At - startCall).TotalSeconds:0.0}: {c.Claim.TotalMilliseconds:0}"))
            + $" (refreshes every {reminderOptions.RefreshReminderListPeriod.TotalSeconds:0} s, the first within {Math.Min(30, reminderOptions.RefreshReminderListPeriod.TotalSeconds):0} s of the start)."));
        if (rangeBefore is { } rb && rangeAfter is { } ra)
        {
            table.Note((
                $"{Section}: reminder table refreshes (the ring-range reads, pg_stat_statements): {ra.Calls - rb.Calls} reads while the silo ran, "
                + $"{ra.Rows - rb.Rows:N0} rows in all, {ra.TotalMs - rb.TotalMs:N0} ms of server time, slowest {ra.MaxMs:0} ms; the table holds "
                + $"{plan.Pending + plan.TableCount:N0} rows at the start ({stream.TableMiB:0} MiB with its indexes). One whole-ring read through "
                + $"the silo's IReminderTable after the stream: {refreshRead.Rows:N0} rows in {refreshRead.Milliseconds:0} ms, {refreshRead.AllocatedMiB:0} MiB allocated "
                + "(BatchedReminderTable reads only the rows that start within the loading window)."));
        }

        if (refreshes.Count > 0)
        {
            // Steps due in the minute after a refresh read began vs the others.
            bool Near(DateTimeOffset at) => refreshes.Any(r => at >= r && at <= r + TimeSpan.FromMinutes(1));
            var near = ToLatencies(claimed.Where(c => Near(c.Due.At)).Select(c => c.Claim));
            var far = ToLatencies(claimed.Where(c => !Near(c.Due.At)).Select(c => c.Claim));
            table.Note($"{Section}: refresh reads seen running (pg_stat_activity, 250 ms poll) at "
                       + string.Join(", ", refreshes.Select(r => $"{(r - startCall).TotalSeconds:0.0} s"))
                       + $" after the start call; steps due in the minute after a refresh began: {near.Count:N0}, due → claimed p50 {Ms(near, 50)} ms, p99 {Ms(near, 99)} ms, max {Ms(near, 100)} ms; "
                       + $"the other steps: p50 {Ms(far, 50)} ms, p99 {Ms(far, 99)} ms, max {Ms(far, 100)} ms.");
        }

        table.Note($"{Section}: the refresh read's SQL over the {plan.Pending:N0} pending rows, EXPLAIN (ANALYZE, BUFFERS) before the stream's rows were written ({scanMs:0.0} ms): "
                   + string.Join(" / ", scanPlan.Select(l => l.Trim())));
        if (!ok)
        {
            throw new InvalidOperationException($"{Section}: {check}");
        }
    }

    /// <summary>
    /// The stream's sequences (<see cref="DispatchSeed"/>, all steps due by the row), the pending wake-ups, then the
    /// stream's due times and wake-up rows; the silo is not running yet.
    /// </summary>
    private async Task<Stream> SeedAsync(NpgsqlDataSource observer, DispatchSeed seed)
    {
        var random = new Random(3);
        await seed.WriteAsync(observer, withReminders: false);
        var ids = await seed.IdsAsync(observer);

        var pendingFirstKey = ids[^1] + 1;
        var now = DateTimeOffset.UtcNow;
        var pendingKeys = new long[plan.Pending];
        var pendingStarts = new DateTime[plan.Pending];
        for (var i = 0; i < plan.Pending; i++)
        {
            pendingKeys[i] = pendingFirstKey + i;
            pendingStarts[i] = OrleansReminderRows.ToMilliseconds(now + TimeSpan.FromDays(1 + (29 * random.NextDouble())));
        }

        await OrleansReminderRows.InsertAsync(observer, DispatchSeed.SequenceGrainType, SequenceGrain.WakeUpReminder, DispatchSeed.WakeUpPeriod, pendingKeys, pendingStarts);
        await using (var analyze = observer.CreateCommand(StatementCounter.Mark + "ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // Before the stream's rows exist and before its clock starts: at 1,000,000 rows the read takes a while.
        var explain = await ExplainRangeReadAsync(observer, DateTimeOffset.UtcNow + plan.EffectiveLoadingWindow);

        // Which sequences are started live: a fixed-seed shuffle.
        var order = ids.ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var liveIds = order.Take(plan.LiveCount).ToHashSet();
        var warmupIds = order.Skip(plan.LiveCount).Take(StepLatenessPlan.Warmup).ToHashSet();
        var first = DateTimeOffset.UtcNow + plan.Lead;
        var steps = new List<StepDue>(ids.Length);
        foreach (var id in ids)
        {
            if (warmupIds.Contains(id))
            {
                // Due 6–4 s before the stream: the silo's send path (JIT, pools, the mailbox and user grains) is warm when it begins.
                var warm = new DateTimeOffset(OrleansReminderRows.ToMilliseconds(first - TimeSpan.FromSeconds(6) + (TimeSpan.FromSeconds(2) * random.NextDouble())));
                steps.Add(new StepDue(id, warm, false, warm) { Warmup = true });
                continue;
            }

            var isLive = liveIds.Contains(id);
            // Started 2–5 s ahead, so due from 5 s into the stream on: never before the silo runs.
            var at = isLive
                ? first + TimeSpan.FromSeconds(5) + ((plan.Measured - TimeSpan.FromSeconds(5)) * random.NextDouble())
                : first + (plan.Measured * random.NextDouble());
            var due = new DateTimeOffset(OrleansReminderRows.ToMilliseconds(at));
            steps.Add(new StepDue(id, due, isLive, isLive ? due - TimeSpan.FromSeconds(2 + (3 * random.NextDouble())) : due));
        }

        await using (var connection = await observer.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Unnest(
                """
                UPDATE sequence_instances si
                SET next_step_due_at = CASE WHEN t.live THEN NULL ELSE t.due END, enrolled_at = t.due
                FROM unnest($1::bigint[], $2::timestamptz[], $3::boolean[]) AS t(id, due, live) WHERE si.id = t.id
                """, steps));
            batch.BatchCommands.Add(Unnest(
                """
                UPDATE outreach o SET scheduled_at = CASE WHEN t.live THEN NULL ELSE t.due END
                FROM unnest($1::bigint[], $2::timestamptz[], $3::boolean[]) AS t(id, due, live)
                WHERE o.sequence_instance_id = t.id AND o.step_no = 1
                """, steps));
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var table = steps.Where(s => !s.Live).ToArray();
        await OrleansReminderRows.InsertAsync(observer, DispatchSeed.SequenceGrainType, SequenceGrain.WakeUpReminder, DispatchSeed.WakeUpPeriod,
            table.Select(s => s.Id).ToArray(), table.Select(s => s.At.UtcDateTime).ToArray());
        await using (var analyze = observer.CreateCommand(StatementCounter.Mark + "ANALYZE orleansreminderstable, sequence_instances, outreach"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var size = observer.CreateCommand(StatementCounter.Mark + "SELECT pg_total_relation_size('orleansreminderstable')");
        var bytes = (long)(await size.ExecuteScalarAsync())!;
        var live = steps.Where(s => s.Live).OrderBy(s => s.StartAt).ToArray();
        return new Stream(first, steps, live, pendingFirstKey, bytes / 1048576.0, explain);
    }

    private static NpgsqlBatchCommand Unnest(string sql, IReadOnlyList<StepDue> steps)
    {
        var command = new NpgsqlBatchCommand(StatementCounter.Mark + sql);
        command.Parameters.Add(new NpgsqlParameter { Value = steps.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = steps.Select(s => s.At.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = steps.Select(s => s.Live).ToArray() });
        return command;
    }

    /// <summary>Starts each live sequence at its start time (ISequenceEngineGrain.StartAsync registers its wake-up), without waiting for the previous call.</summary>
    private static async Task<int> StartLiveAsync(BenchSilo silo, IReadOnlyList<StepDue> live)
    {
        var calls = new List<Task>(live.Count);
        foreach (var step in live)
        {
            var wait = step.StartAt - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            calls.Add(silo.Grains.GetGrain<ISequenceEngineGrain>(step.Id).StartAsync());
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
                Console.Error.WriteLine($"  live start failed: {error.Message}");
            }
        }

        return failures;
    }

    /// <summary>
    /// Until cancelled, records the start of every reminder-table refresh read running (a ring-range read of Orleans'
    /// reminder table, seen in pg_stat_activity every 250 ms; at 100,000 rows one takes ~0.3 s, at 1,000,000 seconds).
    /// </summary>
    private static async Task WatchRefreshesAsync(NpgsqlDataSource observer, SortedSet<DateTimeOffset> refreshes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await using (var command = observer.CreateCommand(
                             StatementCounter.Mark + """
                             SELECT query_start FROM pg_stat_activity
                             WHERE datname = current_database() AND state = 'active' AND query LIKE '%FROM orleansreminderstable%grainhash >%'
                               AND query NOT LIKE '%bench-observer%'
                             """))
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    lock (refreshes)
                    {
                        refreshes.Add(reader.GetFieldValue<DateTimeOffset>(0));
                    }
                }
            }

            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<long> SentAsync(NpgsqlDataSource observer)
    {
        await using var command = observer.CreateCommand(StatementCounter.Mark + "SELECT count(*) FROM outreach WHERE step_no = 1 AND status = 'sent'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Step 1 of every stream sequence: claim and send times, and how many step-1 rows were sent (1 at most).</summary>
    private static async Task<Dictionary<long, (DateTimeOffset? ClaimedAt, DateTimeOffset? SentAt, int Sends)>> StepsAsync(NpgsqlDataSource observer)
    {
        await using var command = observer.CreateCommand(
            StatementCounter.Mark + """
            SELECT sequence_instance_id, min(claimed_at), min(sent_at), count(*) FILTER (WHERE status = 'sent')
            FROM outreach WHERE step_no = 1 GROUP BY sequence_instance_id
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new Dictionary<long, (DateTimeOffset?, DateTimeOffset?, int)>();
        while (await reader.ReadAsync())
        {
            steps[reader.GetInt64(0)] = (
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                (int)reader.GetInt64(3));
        }

        return steps;
    }

    /// <summary>
    /// Rows of the reminder table afterwards: all wake-ups, the pending ones (keys from <paramref name="pendingFirstKey"/>
    /// on), the stream's step-2 wake-ups (47–49 h ahead), and rows due by <paramref name="until"/>. The key is the hex
    /// text after the grain type in Orleans' grain id.
    /// </summary>
    private static async Task<(long All, long Pending, long StepTwo, long DueBy)> TableAfterAsync(NpgsqlDataSource observer, long pendingFirstKey, DateTimeOffset until)
    {
        await using var command = observer.CreateCommand(
            StatementCounter.Mark + """
            WITH r AS (
                SELECT ('x' || lpad(split_part(grainid, '/', 2), 16, '0'))::bit(64)::bigint AS k, starttime
                FROM orleansreminderstable WHERE remindername = 'wake-up')
            SELECT count(*), count(*) FILTER (WHERE k >= $2),
                   count(*) FILTER (WHERE k < $2 AND starttime > now() + interval '47 hours' AND starttime < now() + interval '49 hours'),
                   count(*) FILTER (WHERE starttime <= $1)
            FROM r
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = pendingFirstKey });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>One whole-ring read through the silo's IReminderTable (what a refresh of a silo alone reads: the rows due within its loading window): time, rows, allocation.</summary>
    private static async Task<(double Milliseconds, long Rows, double AllocatedMiB)> TimeWholeTableReadAsync(BenchSilo silo)
    {
        var reminderTable = silo.Services.GetRequiredService<IReminderTable>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var data = await reminderTable.ReadRows(0u, 0u);
        watch.Stop();
        var rows = data.Reminders.Count;
        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        GC.KeepAlive(data);
        return (watch.Elapsed.TotalMilliseconds, rows, allocatedMiB);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the silo's refresh read (BatchedReminderTable's range read) over the whole ring, rows up to <paramref name="horizon"/>.</summary>
    private static async Task<(IReadOnlyList<string> Plan, double ExecutionMs)> ExplainRangeReadAsync(NpgsqlDataSource observer, DateTimeOffset horizon)
    {
        await using var command = observer.CreateCommand(StatementCounter.Mark + "EXPLAIN (ANALYZE, BUFFERS) " + BatchedReminderTable.ReadRangeSql);
        command.Parameters.Add(new NpgsqlParameter { Value = OrleansReminderRows.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = horizon });
        command.Parameters.Add(new NpgsqlParameter { Value = 0 });
        command.Parameters.Add(new NpgsqlParameter { Value = 0 });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var execution = plan.FirstOrDefault(l => l.StartsWith("Execution Time:", StringComparison.Ordinal));
        var ms = execution is null
            ? double.NaN
            : double.Parse(execution["Execution Time:".Length..].Replace("ms", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return (plan, ms);
    }

    private void AddLateness(string caseName, string path, IReadOnlyList<TimeSpan> values, Latencies? baselineLatencies)
    {
        if (values.Count == 0)
        {
            table.Note($"{Section}: no step in \"{path}\" in this run.");
            return;
        }

        var lateness = ToLatencies(values);
        foreach (var (name, percentile) in new[] { ("p50", 50.0), ("p99", 99.0), ("max", 100.0) })
        {
            table.Add(new ResultRow(Section, caseName, $"due → claimed {name}, {path} ({values.Count:N0})", "ms", lateness.PercentileMicros(percentile) / 1000,
                baselineLatencies?.PercentileMicros(percentile) / 1000, baselineLatencies is null ? "graphile-worker peer not wired in (no baseline)" : BaselineName));
        }
    }

    private static Latencies ToLatencies(IEnumerable<TimeSpan> values)
    {
        var latencies = new Latencies();
        latencies.AddRange(values.Select(v => (long)(v.Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond)));
        return latencies;
    }

    private static string Ms(Latencies latencies, double percentile) => ResultTable.Format(latencies.PercentileMicros(percentile) / 1000);

    /// <summary>A stream step: its sequence, due time, whether it is started live, and when (= due for table rows).</summary>
    private sealed record StepDue(long Id, DateTimeOffset At, bool Live, DateTimeOffset StartAt)
    {
        /// <summary>A warm-up step (due before the stream, left out of the figures, checked like the others).</summary>
        public bool Warmup { get; init; }
    }

    private sealed record Stream(
        DateTimeOffset First, IReadOnlyList<StepDue> Steps, IReadOnlyList<StepDue> Live, long PendingFirstKey, double TableMiB,
        (IReadOnlyList<string> Plan, double ExecutionMs) Explain);
}
