using System.Runtime.InteropServices;
using System.Text;

namespace RoleFerry.Bench;

/// <summary>What the figures ran on: CPUs, CPU model, memory, .NET, PostgreSQL.</summary>
public static class MachineInfo
{
    public static string Describe(string postgresVersion)
    {
        var text = new StringBuilder();
        text.AppendLine($"- CPUs (nproc): {Environment.ProcessorCount}");
        text.AppendLine($"- CPU model: {CpuModel()}");
        text.AppendLine($"- memory: {MemTotal()}");
        text.AppendLine($"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        text.AppendLine($"- .NET SDK (dotnet --version): {Environment.GetEnvironmentVariable("ROLEFERRY_BENCH_DOTNET_SDK") ?? "unknown"}");
        text.AppendLine($"- .NET runtime: {RuntimeInformation.FrameworkDescription}, GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        text.AppendLine($"- PostgreSQL: {postgresVersion}");
        text.AppendLine($"- load average at start (1/5/15 min): {LoadAverage()}");
        return text.ToString();
    }

    /// <summary>The 1, 5 and 15 minute load averages: a shared machine busy with other work shows here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? "unknown";

    private static string MemTotal() =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) is { } line
        && long.TryParse(line.Split(':', 2)[1].Trim().Split(' ')[0], out var kb)
            ? $"{kb / 1048576.0:0.0} GiB (MemTotal {kb} kB)"
            : "unknown";

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
