using System.Diagnostics;

namespace RoleFerry.Bench;

/// <summary>Per-operation durations (Stopwatch ticks) of one measured run, thread-safe to add to from many senders.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public void Add(long ticks)
    {
        lock (_gate)
        {
            _ticks.Add(ticks);
        }
    }

    public void AddRange(IEnumerable<long> ticks)
    {
        lock (_gate)
        {
            _ticks.AddRange(ticks);
        }
    }

    /// <summary>Adds a duration measured elsewhere (e.g. by a child process), in microseconds.</summary>
    public void AddMicros(double micros) => Add((long)Math.Round(micros * Stopwatch.Frequency / 1_000_000.0));

    public int Count => _ticks.Count;

    /// <summary>The <paramref name="percentile"/> (0..100, nearest rank) in microseconds.</summary>
    public double PercentileMicros(double percentile)
    {
        lock (_gate)
        {
            if (_ticks.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _ticks.ToArray();
            Array.Sort(sorted);
            var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
            return ToMicros(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
        }
    }

    public static double ToMicros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
