using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RoleFerry.Bench.Micro;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks in this process (InProcessEmitToolchain: no generated project to build) and
/// writes their figures as key=value lines for the harness's table.
/// usage: RoleFerry.Bench.Micro --pg ADMIN_CONNECTION_STRING [--quick] [--out FILE] [--artifacts DIR]
/// </summary>
public static class MicroProgram
{
    /// <summary>The migrated database the benchmarks' silo uses (created here, read by the benchmark's setup).</summary>
    public static string? ConnectionString { get; private set; }

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var output = Argument(args, "--out");
        var admin = Argument(args, "--pg") ?? Environment.GetEnvironmentVariable("ROLEFERRY_BENCH_PG");
        if (admin is null)
        {
            Console.Error.WriteLine("usage: RoleFerry.Bench.Micro --pg ADMIN_CONNECTION_STRING [--quick] [--out FILE] [--artifacts DIR]");
            return 2;
        }

        ConnectionString = await new BenchDatabase(admin, sequenceInstances: 0).CreateAsync();

        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var jobName = quick ? "BenchmarkDotNet ShortRun (3 warm-ups, 3 iterations)" : "BenchmarkDotNet default job";
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        if (Argument(args, "--artifacts") is { } artifacts)
        {
            config = config.WithArtifactsPath(artifacts);
        }

        var summary = BenchmarkRunner.Run<GrainCallBenchmarks>(config);

        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"job={jobName}");
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (report.ResultStatistics is not { } statistics)
            {
                Console.Error.WriteLine($"{name}: no result");
                return 1;
            }

            lines.AppendLine(CultureInfo.InvariantCulture, $"{name}.mean_ns={statistics.Mean.ToString("R", CultureInfo.InvariantCulture)}");
            lines.AppendLine(CultureInfo.InvariantCulture, $"{name}.median_ns={statistics.Median.ToString("R", CultureInfo.InvariantCulture)}");
            if (report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } allocated)
            {
                lines.AppendLine(CultureInfo.InvariantCulture, $"{name}.allocated_bytes={allocated}");
            }
        }

        Console.Write(lines);
        if (output is not null)
        {
            File.WriteAllText(output, lines.ToString());
        }

        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
