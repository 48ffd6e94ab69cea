using System.Diagnostics;
using System.Globalization;

namespace RoleFerry.Bench;

/// <summary>
/// Where a run's CPU went, between <see cref="Start"/> and <see cref="Describe"/>: the machine's cores (/proc/stat),
/// this process (the silo and the harness) and, when given, one other process (the local SMTP server).
/// </summary>
public sealed class CpuShares : IDisposable
{
    private readonly Process? _other;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _self = SelfCpu();
    private readonly TimeSpan _otherCpu;
    private readonly (long Busy, long Total) _machine = MachineTicks();

    private CpuShares(Process? other)
    {
        _other = other;
        _otherCpu = other?.TotalProcessorTime ?? TimeSpan.Zero;
    }

    /// <param name="otherPid">A process to account for too (null: none).</param>
    public static CpuShares Start(int? otherPid) => new(otherPid is { } pid ? Process.GetProcessById(pid) : null);

    /// <param name="otherName">What the other process is, for the text.</param>
    public string Describe(string otherName)
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var machine = MachineTicks();
        var busy = (double)(machine.Busy - _machine.Busy) / Math.Max(1, machine.Total - _machine.Total);
        var self = (SelfCpu() - _self).TotalSeconds / wall;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"over {wall:0.0} s the machine's {Environment.ProcessorCount} cores were {busy:P0} busy; this process (silo + harness) used {self:P0} of one core");
        if (_other is not null)
        {
            _other.Refresh();
            var other = (_other.TotalProcessorTime - _otherCpu).TotalSeconds / wall;
            text += string.Create(CultureInfo.InvariantCulture, $", {otherName} {other:P0} of one core");
        }

        return text;
    }

    public void Dispose() => _other?.Dispose();

    private static TimeSpan SelfCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>/proc/stat's first line: all ticks, and those not idle or waiting on I/O.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
