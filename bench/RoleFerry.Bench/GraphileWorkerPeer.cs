using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace RoleFerry.Bench;

/// <summary>
/// graphile-worker (npm, pinned in bench/peers/package.json, installed by ./bench.sh) run as a Node child process
/// against a database the harness created: bench/peers/throughput.js (N jobs due at once, one UPDATE each) and
/// bench/peers/lateness.js (N jobs due 2–5 s ahead, poll interval 500 ms). Each script prints one JSON line.
/// A run that cannot be measured throws: <see cref="System.ComponentModel.Win32Exception"/> (no <c>node</c> on
/// PATH), <see cref="InvalidOperationException"/> (the script failed, or a job ran twice / never),
/// <see cref="TimeoutException"/>, <see cref="System.Text.Json.JsonException"/> (unreadable output).
/// </summary>
public sealed class GraphileWorkerPeer
{
    /// <summary>Jobs run at the same time by the worker (2 cores; the jobs wait on PostgreSQL, not the CPU).</summary>
    public const int Concurrency = 16;

    /// <summary>
    /// Jobs of the lateness run (section 3): spread over 3 s that is ~170 due per second, well below the worker's
    /// throughput, so the figure is its polling delay, not a backlog.
    /// </summary>
    public const int LatenessJobs = 500;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _directory;

    private GraphileWorkerPeer(string directory) => _directory = directory;

    /// <summary>The peer in <paramref name="peersDirectory"/>, or null when it is not installed there (no node_modules).</summary>
    public static GraphileWorkerPeer? Find(string? peersDirectory)
    {
        if (string.IsNullOrWhiteSpace(peersDirectory))
        {
            return null;
        }

        var directory = Path.GetFullPath(peersDirectory);
        return File.Exists(Path.Combine(directory, "node_modules", "graphile-worker", "package.json"))
               && File.Exists(Path.Combine(directory, "throughput.js"))
            ? new GraphileWorkerPeer(directory)
            : null;
    }

    public async Task<double> JobsPerSecondAsync(string connectionString, int jobs) =>
        (await ThroughputAsync(connectionString, jobs)).JobsPerSecond;

    /// <summary>The whole throughput report (jobs/s, the once-only check, statement counts).</summary>
    public async Task<GraphileThroughput> ThroughputAsync(string connectionString, int jobs)
    {
        var output = await RunAsync("throughput.js", connectionString, jobs);
        var result = JsonSerializer.Deserialize<GraphileThroughput>(output, Json)
                     ?? throw new InvalidOperationException("throughput.js printed no result.");
        if (result.UpdatedOnce != jobs)
        {
            throw new InvalidOperationException(
                $"graphile-worker ran {result.UpdatedOnce} of {jobs} jobs exactly once ({result.UpdatedTwiceOrMore} more than once).");
        }

        return result;
    }

    /// <summary>run_at → start lateness of <paramref name="jobs"/> jobs due 2–5 s ahead (poll interval 500 ms).</summary>
    public async Task<Latencies> LatenessAsync(string connectionString, int jobs)
    {
        var output = await RunAsync("lateness.js", connectionString, jobs);
        using var document = JsonDocument.Parse(output);
        var latencies = new Latencies();
        foreach (var milliseconds in document.RootElement.GetProperty("latenessMs").EnumerateArray())
        {
            latencies.AddMicros(milliseconds.GetDouble() * 1000);
        }

        if (latencies.Count != jobs)
        {
            throw new InvalidOperationException($"graphile-worker started {latencies.Count} of {jobs} jobs.");
        }

        return latencies;
    }

    /// <summary>Runs a script to its end; returns its last stdout line (the JSON result).</summary>
    private async Task<string> RunAsync(string script, string connectionString, int jobs)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(_directory, script), "--connection", ToUrl(connectionString), "--jobs",
                     jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency",
                     Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran longer than {Timeout}.");
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"{script} exited with code {process.ExitCode}: {Tail(errors)}");
        }

        return lines[^1];
    }

    /// <summary>postgres://user[:password]@host:port/database for node-postgres, from an Npgsql connection string.</summary>
    private static string ToUrl(string connectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(parts.Password) ? "" : ":" + Uri.EscapeDataString(parts.Password);
        return $"postgres://{Uri.EscapeDataString(parts.Username ?? "postgres")}{password}@{parts.Host}:{parts.Port}/{Uri.EscapeDataString(parts.Database!)}";
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
