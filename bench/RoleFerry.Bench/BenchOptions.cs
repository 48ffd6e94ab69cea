namespace RoleFerry.Bench;

/// <summary>Command line of the harness; --quick picks the small counts (./bench.sh --quick --only 6,2,3 takes ~2 minutes on 2 cores).</summary>
public sealed record BenchOptions(
    string AdminConnectionString,
    bool Quick,
    string? MicroResults,
    string? PgbenchResults,
    string? Output,
    IReadOnlySet<string> Sections)
{
    /// <summary>bench/peers (graphile-worker installed by ./bench.sh); null: the peer is not measured.</summary>
    public string? PeersDirectory { get; init; }

    /// <summary>host:port of the local test SMTP server (tests/smtp, started by ./bench.sh); null: no SMTP case.</summary>
    public string? Smtp { get; init; }

    /// <summary>The folder the test SMTP server writes one .eml per accepted message into.</summary>
    public string? SmtpMaildir { get; init; }

    /// <summary>The local test SMTP server's process id (--smtp-pid), for its share of the CPU; null: not reported.</summary>
    public int? SmtpPid { get; init; }

    /// <summary>--dispatch-steps N: overrides <see cref="DispatchSteps"/> (trying other sizes by hand).</summary>
    public int? DispatchStepsOverride { get; init; }

    /// <summary>
    /// (2) Sequence steps due at once, null transport, and graphile-worker's job count. Quick: 2,000; full: 100,000,
    /// the size issue 13 asks for (5,000 until the send path's statements were coalesced and the send gate queued
    /// the wake-ups it could not take: before that a burst of 10,000+ overloaded the silo, see BENCHMARKS.md).
    /// </summary>
    public int DispatchSteps => DispatchStepsOverride ?? (Quick ? 2_000 : 100_000);

    /// <summary>--dispatch-smtp-steps N: overrides <see cref="DispatchSmtpSteps"/>.</summary>
    public int? DispatchSmtpStepsOverride { get; init; }

    /// <summary>(2) Steps due at once through the local test SMTP server (SmtpMailTransport: MailKit, one kept-open connection per mailbox). Quick: 300; full: 2,000 (old runtime: 5,000).</summary>
    public int DispatchSmtpSteps => DispatchSmtpStepsOverride ?? Math.Min(DispatchSteps, Quick ? 300 : 2_000);

    public int GrainCalls => Quick ? 50_000 : 500_000;

    public int GrainCallers => 64;

    /// <summary>
    /// Daily cap of each mailbox in the reservation runs; a run makes exactly mailboxes × cap reservations, so it
    /// ends with every mailbox at its cap. Quick: 10 × 30 and 1,000 × 1; full: 10 × 1,000 and 1,000 × 20.
    /// </summary>
    public int CapFor(int mailboxes) => (Quick, mailboxes <= 10) switch
    {
        (true, true) => 30,
        (true, false) => 1,
        (false, true) => 1_000,
        (false, false) => 20,
    };

    public int MaxReservations => MailboxCounts.Max(m => m * CapFor(m));

    public int[] MailboxCounts => [10, 1_000];

    public int[] SenderCounts => [1, 8, 64];

    public int Activations => 100_000;

    /// <summary>
    /// Section (3), with Orleans' default reminder options (loading window 10 min, refresh every 5 min) as the product
    /// runs. Full: 1,000,000 pending wake-ups, 10,000 steps due per minute (issue 13's rate) for 11 minutes, so the stream's last minute
    /// reaches memory through a periodic refresh of the table. Quick (≈ 1 min): 100,000 pending, 2,000 per minute for
    /// 20 s, all within the initial read's window (a shorter window than the 1-minute wake-up period is not the
    /// product's shape: Orleans 10.4.2 then evicts a reminder whose due time passes during a refresh before it fired,
    /// and it goes out a period late; BENCHMARKS.md, section 3).
    /// </summary>
    public StepLatenessPlan StepLatenessPlan => Quick
        ? new StepLatenessPlan(100_000, 2_000, TimeSpan.FromSeconds(20), 0.1, null, null)
        : new StepLatenessPlan(1_000_000, 10_000, TimeSpan.FromMinutes(11), 0.1, null, null);

    /// <summary>
    /// Section (5): quick seeds 50,000 jobs and 25,000 applications (200,000 jobs take longer to seed than the quick
    /// budget); full uses the 200,000 jobs and 100,000 applications. The measured user has 500 either way.
    /// </summary>
    public ApiSeedSizes ApiSizes => Quick ? new ApiSeedSizes(1_000, 50_000, 500, 25_000) : new ApiSeedSizes(3_000, 200_000, 500, 100_000);

    public TimeSpan ApiDuration => TimeSpan.FromSeconds(Quick ? 5 : 30);

    /// <summary>
    /// Each side's warm-up under the measured load (same tool, same concurrency) before its measured run: the silo's
    /// tiered JIT keeps compiling for ~15 s of load (dotnet-counters: 0.6 s of JIT per second in the first 5-13 s).
    /// </summary>
    public TimeSpan ApiWarmup => TimeSpan.FromSeconds(Quick ? 15 : 20);

    /// <summary>Pause after a wrk run, for the requests it abandoned to finish in the silo before the baseline runs.</summary>
    public TimeSpan ApiDrain => TimeSpan.FromSeconds(Quick ? 1 : 3);

    public int ApiThreads => 2;

    public int ApiConnections => 16;

    /// <summary>Where side files go (silo log, wrk script, EXPLAIN output): the folder of --out, else the temp folder.</summary>
    public string ResultsFolder => Output is { } output && Path.GetDirectoryName(Path.GetFullPath(output)) is { } folder ? folder : Path.GetTempPath();

    public bool Runs(string section) => Sections.Count == 0 || Sections.Contains(section);

    public const string Usage =
        "usage: RoleFerry.Bench --pg <admin connection string> [--quick] [--micro FILE] [--pgbench FILE] [--out FILE] [--only 6,1,2,3,4,5,7]"
        + " [--peers DIR] [--smtp HOST:PORT --smtp-maildir DIR [--smtp-pid PID]] [--dispatch-steps N] [--dispatch-smtp-steps N]";

    public static BenchOptions Parse(string[] args)
    {
        string? pg = Environment.GetEnvironmentVariable("ROLEFERRY_BENCH_PG"), micro = null, pgbench = null, output = null;
        string? peers = null, smtp = null, maildir = null;
        int? dispatchSteps = null, dispatchSmtpSteps = null, smtpPid = null;
        var quick = false;
        var sections = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pg": pg = Value(args, ref i); break;
                case "--quick": quick = true; break;
                case "--micro": micro = Value(args, ref i); break;
                case "--pgbench": pgbench = Value(args, ref i); break;
                case "--out": output = Value(args, ref i); break;
                case "--peers": peers = Value(args, ref i); break;
                case "--smtp": smtp = Value(args, ref i); break;
                case "--smtp-maildir": maildir = Value(args, ref i); break;
                case "--smtp-pid":
                    smtpPid = int.TryParse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0
                        ? pid
                        : throw new ArgumentException($"--smtp-pid needs a process id.\n{Usage}");
                    break;
                case "--dispatch-steps":
                    dispatchSteps = int.TryParse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n
                        : throw new ArgumentException($"--dispatch-steps needs a positive number.\n{Usage}");
                    break;
                case "--dispatch-smtp-steps":
                    dispatchSmtpSteps = int.TryParse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0
                        ? m
                        : throw new ArgumentException($"--dispatch-smtp-steps needs a positive number.\n{Usage}");
                    break;
                case "--only":
                    sections.UnionWith(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(pg))
        {
            throw new ArgumentException($"No PostgreSQL given (--pg or ROLEFERRY_BENCH_PG).\n{Usage}");
        }

        if ((smtp is null) != (maildir is null))
        {
            throw new ArgumentException($"--smtp and --smtp-maildir go together.\n{Usage}");
        }

        return new BenchOptions(pg, quick, micro, pgbench, output, sections) { PeersDirectory = peers, Smtp = smtp, SmtpMaildir = maildir, SmtpPid = smtpPid, DispatchStepsOverride = dispatchSteps, DispatchSmtpStepsOverride = dispatchSmtpSteps };
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.\n{Usage}");
}
