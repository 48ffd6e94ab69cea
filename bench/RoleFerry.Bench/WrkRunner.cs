using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RoleFerry.Bench;

/// <summary>
/// Runs wrk (a separate process) against one URL with a bearer token (a Lua script sets the header) and parses
/// its report: Requests/sec and the 50% / 99% lines of --latency (HdrHistogram-based). A run with any non-2xx/3xx
/// answer or socket error (connect, read, write, timeout) fails.
/// </summary>
public sealed partial class WrkRunner(string wrk, int threads, int connections)
{
    /// <summary>wrk on PATH (bench.sh installs the Debian package), or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "wrk"))
        .FirstOrDefault(File.Exists);

    public string Describe(TimeSpan duration) => $"wrk -t{threads} -c{connections} -d{duration.TotalSeconds:0}s --latency";

    public async Task<LoadFigures> RunAsync(Uri url, string token, TimeSpan duration)
    {
        // The script holds the token: a private temp file, deleted after the run.
        var script = Path.Combine(Path.GetTempPath(), $"roleferry-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $"wrk.method = \"GET\"\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n");
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     $"-t{threads}", $"-c{connections}", $"-d{duration.TotalSeconds:0}s", "--latency", "--timeout", "30s", "-s", script, url.ToString(),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        string report, errors;
        int exitCode;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            (report, errors, exitCode) = (await stdout, await stderr, process.ExitCode);
        }
        finally
        {
            File.Delete(script);
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with code {exitCode}: {errors}\n{report}");
        }

        return Parse(report, url);
    }

    public static LoadFigures Parse(string report, Uri url)
    {
        if (NonSuccess().Match(report) is { Success: true } bad)
        {
            throw new InvalidOperationException($"wrk got {bad.Groups[1].Value} non-2xx/3xx answers from {url}:\n{report}");
        }

        if (SocketErrors().Match(report) is { Success: true } errors)
        {
            throw new InvalidOperationException($"wrk reported socket errors against {url} ({errors.Value.Trim()}):\n{report}");
        }

        var rate = RequestsPerSecond().Match(report);
        var requests = Requests().Match(report);
        var p50 = Percentile(report, "50");
        var p99 = Percentile(report, "99");
        if (!rate.Success || !requests.Success)
        {
            throw new InvalidOperationException($"Could not read wrk's report:\n{report}");
        }

        return new LoadFigures(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            p50,
            p99,
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static double Percentile(string report, string percent)
    {
        var match = Regex.Match(report, $@"^\s+{percent}(?:\.0+)?%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk's report has no {percent}% latency line:\n{report}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:[^\n]*")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Requests/sec:\s*([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();
}
