using System.Diagnostics;
using RoleFerry.Bench;

// The whole-system benchmark harness. ./bench.sh starts a throwaway PostgreSQL, runs pgbench and the
// BenchmarkDotNet micro-benchmarks, then this program, which prints one table of every figure with its baseline.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

var started = Stopwatch.GetTimestamp();
var table = new ResultTable();
var sectionTimes = new List<string>();
var failures = new List<string>();

// A section that fails (a failed correctness check included) is noted and the others still run; the harness then
// exits with a non-zero code.
async Task TimedAsync(string section, Func<Task> run)
{
    var at = Stopwatch.GetTimestamp();
    try
    {
        await run();
    }
    catch (Exception error)
    {
        failures.Add(error.ToString());
        table.Note($"SECTION {section} FAILED: {error.GetType().Name}: {error.Message}");
        Console.Error.WriteLine(error);
    }

    var seconds = Stopwatch.GetElapsedTime(at).TotalSeconds;
    sectionTimes.Add($"({section}) {seconds:0} s");
    Console.WriteLine($"({section}) done in {seconds:0} s");
}

var databases = new BenchDatabase(options.AdminConnectionString, options.MaxReservations + MailboxReservationBench.OverflowAttempts);
var machine = MachineInfo.Describe(await databases.ServerVersionAsync());
Console.WriteLine($"RoleFerry benchmarks ({(options.Quick ? "quick" : "full")} mode), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.Write(machine);

ExternalResults.AddPgbench(table, ExternalResults.Read(options.PgbenchResults));
ExternalResults.AddMicro(table, ExternalResults.Read(options.MicroResults));

try
{
    if (options.Runs("6"))
    {
        Console.WriteLine($"(6) raw grain call: {options.GrainCalls:N0} calls");
        await TimedAsync("6", async () =>
        {
            await using var silo = await BenchSilo.StartAsync(await databases.CreateAsync(), logPath: Path.Combine(options.ResultsFolder, "silo-grain-call.log"));
            await new GrainCallBench(silo, table, options.GrainCalls, options.GrainCallers).RunAsync();
        });
    }

    if (options.Runs("1"))
    {
        Console.WriteLine("(1) mailbox reservation: mailboxes × cap reservations per case");
        await TimedAsync("1", async () =>
        {
            foreach (var mailboxes in options.MailboxCounts)
            {
                var reservations = new MailboxReservationBench(databases, table, mailboxes * options.CapFor(mailboxes));
                foreach (var senders in options.SenderCounts)
                {
                    await reservations.RunAsync(mailboxes, senders);
                }
            }
        });
    }

    if (options.Runs("2"))
    {
        Console.WriteLine($"(2) dispatch: {options.DispatchSteps:N0} steps due at once (SMTP case: {options.DispatchSmtpSteps:N0})");
        await TimedAsync("2", () => new DispatchBench(databases, table, options).RunAsync());
    }

    if (options.Runs("3"))
    {
        var plan = options.StepLatenessPlan;
        Console.WriteLine($"(3) step lateness: {plan.Pending:N0} pending wake-up reminders, {plan.DuePerMinute:N0} steps due per minute for {plan.Measured.TotalSeconds:0} s");
        // Baseline: graphile-worker's run_at → start lateness for jobs due 2–5 s ahead (poll 500 ms).
        var peer = GraphileWorkerPeer.Find(options.PeersDirectory);
        Func<Task<Latencies?>> graphileWorker = peer is null
            ? () => Task.FromResult<Latencies?>(null)
            : async () => await peer.LatenessAsync(await databases.CreateEmptyAsync(), GraphileWorkerPeer.LatenessJobs);
        await TimedAsync("3", () => new StepLatenessBench(databases, table, plan, options, graphileWorker).RunAsync());
    }

    if (options.Runs("4"))
    {
        Console.WriteLine($"(4) activations: {options.Activations:N0} trivial grains");
        await TimedAsync("4", async () =>
        {
            await using var silo = await BenchSilo.StartAsync(await databases.CreateAsync(), logPath: Path.Combine(options.ResultsFolder, "silo-activations.log"));
            await new ActivationMemoryBench(silo, table, options.Activations).RunAsync();
        });
    }

    if (options.Runs("7"))
    {
        Console.WriteLine($"(7) documents: a 3-page PDF resume parsed, {DocumentsBench.FeedRows:N0}-row CSV and Greenhouse imports");
        await TimedAsync("7", () => new DocumentsBench(databases, table, options.Quick ? 10 : 50).RunAsync());
    }

    if (options.Runs("8"))
    {
        Console.WriteLine("(8) web pages: the Applications and Analytics pages beside their API calls");
        await TimedAsync("8", () => new WebPagesBench(databases, table, options).RunAsync());
    }

    if (options.Runs("5"))
    {
        Console.WriteLine($"(5) API: {options.ApiSizes.Describe()}, load by wrk against the silo process");
        await TimedAsync("5", () => new ApiLoadBench(databases, table, options).RunAsync());
    }
}
catch (Exception error)
{
    // A failure outside a section (e.g. the template database): the figures so far are still printed.
    failures.Add(error.ToString());
    table.Note($"HARNESS FAILED: {error.GetType().Name}: {error.Message}");
}

table.Note($"harness time per section: {string.Join(", ", sectionTimes)}.");

var report = $"""
    ## Results ({(options.Quick ? "./bench.sh --quick" : "./bench.sh")}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, harness {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)

    Machine:

    {machine}
    - load average at the end (1/5/15 min): {MachineInfo.LoadAverage()}

    {table.ToMarkdown()}
    """;
Console.WriteLine();
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
}

if (failures.Count > 0)
{
    Console.Error.WriteLine($"{failures.Count} section(s) failed; see the notes of the table.");
    return 1;
}

return 0;
