using System.Globalization;
using System.Text.RegularExpressions;

namespace RoleFerry.Bench;

/// <summary>
/// The silo's own view of the load: the duration of every request as its RequestIdMiddleware logs it
/// ("HTTP GET /path responded 200 in 12.3 ms", from the first middleware to the end of the response), collected
/// from the silo's output, so a tail seen by wrk can be split into time inside and outside the silo.
/// </summary>
public sealed partial class RequestLog
{
    private readonly List<(string Path, int Status, double Ms)> _entries = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void Add(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
        {
            return;
        }

        var entry = (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>p50 and p99 (nearest rank, ms) of the 200 answers for <paramref name="path"/> logged after <paramref name="mark"/>.</summary>
    public (int Count, double P50, double P99) Since(int mark, string path)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = _entries.Skip(mark).Where(e => e.Path == path && e.Status == 200).Select(e => e.Ms).Order().ToArray();
        }

        return sorted.Length == 0 ? (0, double.NaN, double.NaN) : (sorted.Length, Rank(sorted, 50), Rank(sorted, 99));
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"HTTP GET (\S+) responded (\d+) in ([0-9.]+) ms")]
    private static partial Regex Line();
}
