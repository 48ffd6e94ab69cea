using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Bench;

/// <summary>
/// (2) Dispatch. N sequence steps are due (<see cref="DispatchSeed"/>) and their N wake-up reminders, in Orleans'
/// reminder table, all tick at the same instant, a lead after a fresh product silo (<see cref="BenchSilo"/>) starts;
/// the clock runs from that instant until every step's outreach row is 'sent', through the product's path: Orleans
/// reminder tick → SequenceGrain activation (state, reminder lookup) → context, window, pool pick, mailbox
/// reservation, quota, render, claim → IMailTransport → outreach row 'sent' and the next step scheduled (reminder
/// re-registered 48 h ahead, row, state). Twice: a null transport (the engine's own
/// cost) and the local test SMTP server. Statements per sent step from pg_stat_statements. Beside it, on the same
/// PostgreSQL, graphile-worker running N jobs of one UPDATE each (<see cref="GraphileWorkerPeer"/>).
/// Checked in the same run: every step sent exactly once, no mailbox over its cap, no message twice at the sink.
/// </summary>
public sealed class DispatchBench(BenchDatabase databases, ResultTable table, BenchOptions options)
{
    private const string Section = "2 dispatch";
    private const int StepsPerUser = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(60);

    /// <summary>Messages of the SMTP case's baseline (<see cref="SmtpAlone"/>).</summary>
    private const int AloneMessages = 200;

    public async Task RunAsync()
    {
        var steps = options.DispatchSteps;
        Console.WriteLine($"dispatch: {steps:N0} steps due at once, null mail transport");
        var engine = await DispatchAsync(steps, smtp: null);

        Console.WriteLine($"dispatch: {steps:N0} steps due at once, null mail transport, 2 silos");
        var twoSilos = await DispatchAsync(steps, smtp: null, silos: 2);

        DispatchRun? smtp = null;
        if (options.Smtp is { } endpoint && options.SmtpMaildir is not null)
        {
            Console.WriteLine($"dispatch: {options.DispatchSmtpSteps:N0} steps due at once, SMTP server {endpoint}");
            smtp = await DispatchAsync(options.DispatchSmtpSteps, endpoint);
        }
        else
        {
            table.Note($"{Section}: the SMTP case was not measured (no --smtp server given; ./bench.sh starts tests/smtp).");
        }

        var peer = await PeerAsync(steps);
        var baseline = peer is null
            ? "graphile-worker (not measured)"
            : $"graphile-worker 0.17.3: {peer.Jobs:N0} jobs due at once, one UPDATE each, {peer.Concurrency} concurrent, localQueue 100, completeJobBatchDelay 0";
        AddRows($"{steps:N0} steps due at once, null mail transport", engine, peer, baseline);
        AddTwoSilosRows($"{steps:N0} steps due at once, null mail transport, 2 silos of one cluster in this process", twoSilos, engine);
        if (smtp is not null)
        {
            AddRows($"{smtp.Steps:N0} steps due at once, local SMTP server (MailKit, a kept-open connection per mailbox)", smtp, peer, baseline);
        }

        if (peer is not null)
        {
            table.Note($"{Section}: graphile-worker ran {peer.Jobs:N0} jobs in {peer.Seconds:0.00} s, each exactly once.");
        }

        // A failed check fails the harness, after both cases and the peer were measured and reported.
        var failures = new[] { engine, twoSilos, smtp }.Where(r => r is { Failed: true }).Select(r => r!.Check).ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{Section}: {string.Join("; ", failures)}");
        }
    }

    private void AddRows(string caseName, DispatchRun run, GraphileThroughput? peer, string baseline)
    {
        table.Add(new ResultRow(Section, caseName, "steps/s (all due → all sent) vs jobs/s", "1/s", run.StepsPerSecond, peer?.JobsPerSecond, baseline));
        table.Add(new ResultRow(Section, caseName, "steps/s (first claim → all sent) vs jobs/s", "1/s", run.StepsPerSecondAfterFirstClaim, peer?.JobsPerSecond, baseline));
        var peerStatements = peer?.Statements is { } calls ? (double)calls / peer.Jobs : (double?)null;
        const string peerRoundTrips = "graphile-worker: pg_stat_statements calls per job (node-postgres sends one statement per round trip)";
        if (run.Statements is { } statements && run.RoundTripsPerStep is { } roundTrips)
        {
            table.Add(new ResultRow(Section, caseName, "round trips per sent step (Npgsql commands + COMMITs)", "1", roundTrips, peerStatements, peerRoundTrips));
            table.Add(new ResultRow(Section, caseName, "SQL statements per sent step (pg_stat_statements, BEGIN/COMMIT and DISCARD ALL left out)", "1",
                (double)statements.Work / run.Steps,
                peer?.Statements is { } all && peer.TransactionControlStatements is { } tx ? (double)(all - tx) / peer.Jobs : null, peerRoundTrips));
            table.Note(string.Create(CultureInfo.InvariantCulture,
                $"{Section}, {caseName}: per sent step {(double)statements.Calls / run.Steps:0.00} statements in all (pg_stat_statements): "
                + $"{(double)statements.Work / run.Steps:0.00} of work, {(double)statements.TransactionControl / run.Steps:0.00} BEGIN/COMMIT, "
                + $"{(double)statements.Discards / run.Steps:0.00} DISCARD ALL (Npgsql's reset of a pooled connection, sent with the next command); "
                + $"{(double)run.Commands / run.Steps:0.00} Npgsql command executions + {(double)statements.Commits / run.Steps:0.00} COMMITs; "
                + $"{run.Connects} physical connections opened."));
        }
        else
        {
            table.Note($"{Section}, {caseName}: statements not counted (pg_stat_statements is not preloaded in this cluster).");
        }

        table.Note($"{Section}, {caseName}: {run.Steps:N0} steps in {run.Seconds:0.00} s from their due time; {run.Check}.");
        table.Note($"{Section}, {caseName}: {run.Timeline}.");
        table.Note($"{Section}, {caseName}: {run.Ticks}.");
        if (run.Transport.Length > 0)
        {
            table.Note($"{Section}, {caseName}: {run.Transport}.");
        }

        if (run.TopStatements.Count > 0)
        {
            var perStep = run.TopStatements.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{(double)t.Calls / run.Steps:0.00} × `{t.Query.Replace("`", "'", StringComparison.Ordinal).Replace("|", "¦", StringComparison.Ordinal)}` ({t.Milliseconds / Math.Max(1, t.Calls):0.000} ms each)"));
            table.Note($"{Section}, {caseName}: statements called most, per sent step (seeding and start-up included), with PostgreSQL's mean time per call (planning + execution): {string.Join("; ", perStep)}.");
        }
    }

    /// <summary>Issue 13 item 4: the same dispatch on two silos against one, both measured in this run.</summary>
    private void AddTwoSilosRows(string caseName, DispatchRun run, DispatchRun oneSilo)
    {
        const string baseline = "the same dispatch on 1 silo (first row of this section), this run";
        table.Add(new ResultRow(Section, caseName, "steps/s (all due → all sent), 2 silos vs 1", "1/s", run.StepsPerSecond, oneSilo.StepsPerSecond, baseline));
        table.Add(new ResultRow(Section, caseName, "steps/s (first claim → all sent), 2 silos vs 1", "1/s", run.StepsPerSecondAfterFirstClaim, oneSilo.StepsPerSecondAfterFirstClaim, baseline));
        if (run.RoundTripsPerStep is { } roundTrips)
        {
            table.Add(new ResultRow(Section, caseName, "round trips per sent step, 2 silos vs 1", "1", roundTrips, oneSilo.RoundTripsPerStep, baseline));
        }

        table.Note($"{Section}, {caseName}: {run.Steps:N0} steps in {run.Seconds:0.00} s from their due time; {run.Check}.");
        table.Note($"{Section}, {caseName}: {run.Timeline}.");
        table.Note($"{Section}, {caseName}: {run.Ticks}.");
    }

    private async Task<GraphileThroughput?> PeerAsync(int jobs)
    {
        var peer = GraphileWorkerPeer.Find(options.PeersDirectory);
        if (peer is null)
        {
            table.Note($"{Section}: graphile-worker was not measured: it is not installed ({options.PeersDirectory ?? "no --peers given"}; ./bench.sh installs it with npm ci).");
            return null;
        }

        try
        {
            Console.WriteLine($"dispatch: graphile-worker, {jobs:N0} jobs due at once");
            var connectionString = await databases.CreateEmptyAsync();
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await StatementCounter.EnableAsync(dataSource);
            }

            NpgsqlConnection.ClearAllPools();
            return await peer.ThroughputAsync(connectionString, jobs);
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException or System.Text.Json.JsonException or System.ComponentModel.Win32Exception)
        {
            table.Note($"{Section}: graphile-worker was not measured: {error.Message}");
            return null;
        }
    }

    /// <param name="silos">Silos of one cluster, started one after the other in this process.</param>
    private async Task<DispatchRun> DispatchAsync(int steps, string? smtp, int silos = 1)
    {
        var connectionString = await databases.CreateAsync();
        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secrets = new SecretProtector(Options.Create(new SecurityOptions { SecretKey = secretKey }));
        var (host, port) = smtp is null ? ("smtp.roleferry.bench", 587) : ParseEndpoint(smtp);
        var mailboxes = Math.Max(10, steps / 1_000);
        var contactDomain = "d" + Guid.NewGuid().ToString("N")[..10] + ".roleferry.bench";
        // Step 1 is due from the seeding on (next_step_due_at in the row); the wake-up reminders' first tick is
        // written after the seeding, a lead ahead, so that the silo has loaded them when it comes.
        var seed = new DispatchSeed(steps, StepsPerUser, mailboxes, 2 * ((steps + mailboxes - 1) / mailboxes), host, port,
            secrets.Encrypt("bench-password"), contactDomain, DateTimeOffset.UtcNow);

        // Seeding 100,000 sequences (300,000 outreach rows) takes longer than Npgsql's default 30 s command timeout.
        await using var observer = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 }.ConnectionString);
        var seeding = Stopwatch.StartNew();
        await seed.WriteAsync(observer, withReminders: false);
        var ids = await seed.IdsAsync(observer);
        var lead = Lead(steps, silos);
        var tick = OrleansReminderRows.ToMilliseconds(DateTimeOffset.UtcNow + lead);
        await OrleansReminderRows.InsertAsync(observer, DispatchSeed.SequenceGrainType, SequenceGrain.WakeUpReminder, DispatchSeed.WakeUpPeriod,
            ids, ids.Select(_ => tick).ToArray());
        await using (var analyze = observer.CreateCommand(StatementCounter.Mark + "ANALYZE orleansreminderstable"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        seeding.Stop();
        await StatementCounter.EnableAsync(observer);
        var before = await StatementCounter.SnapshotAsync(observer);

        var overrides = new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = secretKey,
            ["RoleFerry:Quotas:Tiers:enterprise:MaxActiveSequences"] = "10000000",
            ["RoleFerry:Quotas:Tiers:enterprise:MaxSendsPerDay"] = "10000000",
        };
        var nullTransport = new NullMailTransport();
        var sends = new Latencies();
        Action<IServiceCollection> services = smtp is null
            ? s => s.Replace(ServiceDescriptor.Singleton<IMailTransport>(nullTransport))
            : s =>
            {
                s.AddSingleton<SmtpMailTransport>();
                s.Replace(ServiceDescriptor.Singleton<IMailTransport>(sp => new TimedMailTransport(sp.GetRequiredService<SmtpMailTransport>(), sends)));
            };

        var caseTag = (smtp is null ? "null" : "smtp") + (silos > 1 ? $"-{silos}silos" : "");
        using var roundTrips = new NpgsqlRoundTripCounter();
        using var reminders = new ReminderActivity(DispatchSeed.SequenceGrainType);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        DispatchTimes times;
        long putOff;
        StatementCounts? statements;
        long commands;
        string siloLog;
        TimeSpan siloStart;
        int activations;
        var alone = smtp is null ? null : await SmtpAlone.MeasureAsync(host, port, AloneMessages);
        var cluster = new List<BenchSilo>();
        var cpuText = "";
        try
        {
            for (var i = 1; i <= silos; i++)
            {
                cluster.Add(await BenchSilo.StartAsync(connectionString, overrides: overrides, services: services,
                    logPath: Path.Combine(options.ResultsFolder, $"silo-dispatch-{caseTag}{(i > 1 ? $"-{i}" : "")}.log")));
            }

            siloStart = TimeSpan.FromTicks(cluster.Sum(s => s.StartDuration.Ticks));
            using var cpu = smtp is null ? null : CpuShares.Start(options.SmtpPid);
            putOff = await DispatchObserver.WaitAllSentAsync(observer, steps, clock, Deadline);
            cpuText = cpu?.Describe("the SMTP server (python3, aiosmtpd: one thread)") ?? "";
            await DispatchObserver.WaitAllAdvancedAsync(observer, steps - (int)putOff);
            statements = StatementCounts.Between(before, await StatementCounter.SnapshotAsync(observer));
            commands = roundTrips.Commands;
            times = await DispatchObserver.TimesAsync(observer);
            activations = await cluster[0].ActivationCountAsync();
            siloLog = string.Join(" | ", cluster.Select(s => s.Log.Describe()));
        }
        finally
        {
            foreach (var silo in cluster)
            {
                await silo.DisposeAsync();
            }
        }

        var top = await StatementCounter.TopAsync(observer, 20);

        var (ok, check) = await DispatchObserver.CheckAsync(observer, seed);
        if (smtp is null)
        {
            ok &= nullTransport.Sends == steps;
            check += $", {nullTransport.Sends:N0} transport calls for {steps:N0} steps";
        }
        else
        {
            var sink = await SmtpSinkCount.ReadAsync(options.SmtpMaildir!, contactDomain);
            ok &= sink.Messages == steps && sink.Duplicates == 0;
            check += $", {sink.Messages:N0} messages at the SMTP server for {steps:N0} steps, {sink.Duplicates} duplicates";
        }

        if (putOff > 0)
        {
            check += $"; {putOff:N0} steps put off by the product beyond the run (step 1 rescheduled 10+ minutes ahead, e.g. to the next UTC midnight)";
        }

        // The reminders tick at `tick` if the service had loaded them by then, else together at the next whole period after it.
        var loadedAt = reminders.ServiceStartedAt;
        var firstFired = reminders.FirstTicks.Count == 0 ? tick : reminders.FirstTicks.Values.Min(t => t.FiredAt).UtcDateTime;
        var periods = Math.Max(0, Math.Floor((firstFired - tick).TotalMilliseconds / DispatchSeed.WakeUpPeriod.TotalMilliseconds));
        var due = new DateTimeOffset(tick) + (DispatchSeed.WakeUpPeriod * periods);
        var ticksPerSequence = reminders.FirstTicks.Values.Select(t => t.Firings).DefaultIfEmpty(0);
        var timeline = ($"seeding {seeding.Elapsed.TotalSeconds:0.0} s; silo start {siloStart.TotalSeconds:0.0} s, reminder service loaded the table "
            + (loadedAt is { } at ? $"{(at - started).TotalSeconds:0.0} s after the start call" : "(no start event seen)")
            + $"; first tick written for {(new DateTimeOffset(tick) - started).TotalSeconds:0.0} s after the start call"
            + (periods > 0 ? $", but the reminders were not loaded by then, so they ticked {periods:0} period(s) later" : "")
            + $"; all due at {(due - started).TotalSeconds:0.0} s, first claim {(times.FirstClaim - due).TotalSeconds:0.00} s after it, "
            + $"last sent {(times.LastSent - due).TotalSeconds:0.0} s after it");
        var ticks = string.Create(CultureInfo.InvariantCulture,
            $"reminder ticks: {reminders.Fired:N0} fired ({reminders.Completed:N0} completed, {reminders.Failed:N0} failed: {reminders.DescribeFailures()}); "
            + $"sequences ticked once {reminders.FirstTicks.Values.Count(t => t.Firings == 1):N0}, twice or more {reminders.FirstTicks.Values.Count(t => t.Firings > 1):N0} "
            + $"(max {ticksPerSequence.Max()}); {activations:N0} activations at the end; silo warnings/errors: {siloLog}");
        var sentSteps = steps - (int)putOff;
        var transport = alone is null ? "" : SmtpTransportText(sends, alone, seed.Mailboxes, times, cpuText);
        return new DispatchRun(sentSteps, (times.LastSent - due).TotalSeconds, (times.FirstClaim - due).TotalSeconds, statements,
            commands, roundTrips.Connects, check, top) { Timeline = timeline, Ticks = ticks, Transport = transport, Failed = !ok };
    }

    /// <summary>
    /// Where the SMTP case's time goes. A mailbox's connection carries one message at a time, so from first claim to
    /// last sent each of them took (mailboxes × that time ÷ messages) per message on average; beside it, the same
    /// transport alone (<see cref="SmtpAlone"/>). Each send's own time includes its wait for its mailbox's connection.
    /// Then the CPU of the machine, the silo and the SMTP server from the silo's start-up done to the last step sent.
    /// </summary>
    private static string SmtpTransportText(Latencies sends, Latencies alone, int mailboxes, DispatchTimes times, string cpu)
    {
        var sending = (times.LastSent - times.FirstClaim).TotalSeconds;
        var perMessage = mailboxes * sending * 1000 / Math.Max(1, sends.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"each of the {mailboxes} mailboxes' connections carried a message every {perMessage:0.0} ms on average from first claim to last sent "
            + $"({sends.Count:N0} messages in {sending:0.00} s); the same transport alone in this process before the silo started, "
            + $"{alone.Count} messages one after the other over one connection: p50 {alone.PercentileMicros(50) / 1000:0.00} ms, "
            + $"p99 {alone.PercentileMicros(99) / 1000:0.00} ms per message; "
            + $"each send in the run, its wait for the mailbox's connection included: p50 {sends.PercentileMicros(50) / 1000:0.0} ms, "
            + $"p99 {sends.PercentileMicros(99) / 1000:0.0} ms; {cpu}");
    }

    /// <summary>
    /// From writing the wake-up reminders to their first tick: the silo's start and its reminder service's initial
    /// read of the table (which grows with the rows) fit in it on this machine.
    /// </summary>
    private static TimeSpan Lead(int steps, int silos) => TimeSpan.FromSeconds((6 * silos) + (steps / 5_000.0));

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var at = endpoint.LastIndexOf(':');
        return at > 0 && int.TryParse(endpoint[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (endpoint[..at], port)
            : throw new ArgumentException($"--smtp must be HOST:PORT (was '{endpoint}').");
    }
}
