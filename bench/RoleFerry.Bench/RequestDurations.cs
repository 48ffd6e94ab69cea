using System.Globalization;
using System.Text.RegularExpressions;
using RoleFerry.Silo.Telemetry;

namespace RoleFerry.Bench;

/// <summary>
/// The silo's own view of the load: ASP.NET Core's <c>http.server.request.duration</c> histogram (from the first
/// middleware to the end of the response) for one route's 200 answers, scraped from the silo's Prometheus endpoint
/// before and after a run, so a tail seen by wrk can be split into time inside and outside the silo. A percentile is
/// the upper bound of the bucket it falls in (ASP.NET Core's boundaries: 5, 10, 25, 50, 75, 100, 250 ms, ...).
/// </summary>
public static partial class RequestDurations
{
    /// <summary>The silo's scrape endpoint as <see cref="SiloProcess"/> runs it: the default of <see cref="TelemetrySettings"/>.</summary>
    private static readonly string MetricsPath = new TelemetrySettings().PrometheusPath;

    /// <summary>Cumulative count per bucket upper bound (seconds; +Inf last) of the route's 200 answers so far.</summary>
    public static async Task<SortedDictionary<double, long>> ScrapeAsync(HttpClient silo, string route)
    {
        var text = await silo.GetStringAsync(MetricsPath);
        var buckets = new SortedDictionary<double, long>();
        foreach (Match line in Bucket().Matches(text))
        {
            var labels = line.Groups[1].Value;
            // A group's root route is named with a trailing slash ("/api/applications/").
            if (Route().Match(labels).Groups[1].Value.TrimEnd('/') != route.TrimEnd('/')
                || !labels.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal))
            {
                continue;
            }

            var le = UpperBound().Match(labels).Groups[1].Value;
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + long.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return buckets;
    }

    /// <summary>Answers between two scrapes, and the bucket bounds (ms) holding their p50 and p99 (nearest rank).</summary>
    public static (long Count, double P50Ms, double P99Ms) Between(SortedDictionary<double, long> before, SortedDictionary<double, long> after)
    {
        var counts = after.Select(b => (Bound: b.Key, Count: b.Value - before.GetValueOrDefault(b.Key))).ToList();
        var total = counts.Count == 0 ? 0 : counts[^1].Count;
        return total == 0 ? (0, double.NaN, double.NaN) : (total, Rank(counts, total, 50), Rank(counts, total, 99));
    }

    private static double Rank(List<(double Bound, long Count)> cumulative, long total, double percentile)
    {
        var rank = (long)Math.Ceiling(percentile / 100 * total);
        return cumulative.First(b => b.Count >= rank).Bound * 1000;
    }

    [GeneratedRegex(@"^http_server_request_duration_seconds_bucket\{([^}]*)\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex Bucket();

    [GeneratedRegex("http_route=\"([^\"]*)\"")]
    private static partial Regex Route();

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex UpperBound();
}
