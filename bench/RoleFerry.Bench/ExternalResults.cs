using System.Globalization;

namespace RoleFerry.Bench;

/// <summary>
/// Figures measured outside this process and handed over as files of <c>key=value</c> lines: the BenchmarkDotNet
/// run (bench/RoleFerry.Bench.Micro) and pgbench, both run by ./bench.sh before the harness.
/// </summary>
public static class ExternalResults
{
    public static Dictionary<string, string> Read(string? path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                values[line[..at].Trim()] = line[(at + 1)..].Trim();
            }
        }

        return values;
    }

    public static double? Number(this Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>BenchmarkDotNet rows (6): mean ns and allocated bytes per call, grain call vs direct call.</summary>
    public static void AddMicro(ResultTable table, Dictionary<string, string> micro)
    {
        const string section = "6 raw grain call (BenchmarkDotNet)";
        const string baseline = "direct interface call on the same grain object";
        if (micro.Number("GrainCall.mean_ns") is not { } grain || micro.Number("DirectCall.mean_ns") is not { } direct)
        {
            table.Note($"{section}: no BenchmarkDotNet results were handed over (run ./bench.sh).");
            return;
        }

        var job = micro.TryGetValue("job", out var j) ? j : "?";
        table.Add(new ResultRow(section, $"1 caller, {job}", "mean per call", "ns", grain, direct, baseline));
        if (micro.Number("GrainCall.allocated_bytes") is { } allocated)
        {
            table.Add(new ResultRow(section, $"1 caller, {job}", "allocated per call", "B", allocated, micro.Number("DirectCall.allocated_bytes"), baseline));
        }
    }

    /// <summary>pgbench on the same cluster: the PostgreSQL ceiling of this machine, no baseline of its own.</summary>
    public static void AddPgbench(ResultTable table, Dictionary<string, string> pgbench)
    {
        const string section = "PostgreSQL ceiling (pgbench)";
        var clients = pgbench.TryGetValue("clients", out var c) ? c : "?";
        var seconds = pgbench.TryGetValue("seconds", out var s) ? s : "?";
        var any = false;
        if (pgbench.Number("select_only_tps") is { } select)
        {
            table.Add(new ResultRow(section, $"-S select-only, -c {clients} -j 2 -T {seconds}", "transactions/s", "1/s", select, null, "—"));
            any = true;
        }

        if (pgbench.Number("tpcb_tps") is { } tpcb)
        {
            table.Add(new ResultRow(section, $"TPC-B-like (write), -c {clients} -j 2 -T {seconds}", "transactions/s", "1/s", tpcb, null, "—"));
            any = true;
        }

        if (!any)
        {
            table.Note($"{section}: no pgbench results were handed over (run ./bench.sh).");
        }
    }
}
