using System.Diagnostics;
using System.Globalization;
using Npgsql;
using RoleFerry.Silo.Database;

namespace RoleFerry.Bench;

/// <summary>
/// (5) API. The real silo (src/Silo, Release) as a separate process on a freshly seeded database; wrk (another
/// process) loads GET /api/applications and GET /api/jobs/matched with the measured user's bearer token. Baseline,
/// same run and concurrency: the endpoint's own SQL through Npgsql from this process (<see cref="ApiQueries"/>),
/// i.e. the database's share of each request. Before the load, each answer is checked (200, totals as seeded); each
/// side then runs its load once unmeasured (<see cref="BenchOptions.ApiWarmup"/>) and once measured.
/// </summary>
public sealed class ApiLoadBench(BenchDatabase databases, ResultTable table, BenchOptions options)
{
    private const string Section = "5 API";

    public async Task RunAsync()
    {
        var wrkPath = WrkRunner.Find()
                      ?? throw new InvalidOperationException("wrk is not on PATH (./bench.sh installs the Debian package `wrk`).");
        var sizes = options.ApiSizes;
        var folder = options.ResultsFolder;
        var wrk = new WrkRunner(wrkPath, options.ApiThreads, options.ApiConnections);
        var connectionString = await databases.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seed = new ApiSeed(dataSource, sizes);

        var started = Stopwatch.GetTimestamp();
        var seeding = seed.SeedCatalogueAsync();
        var starting = SiloProcess.StartAsync(connectionString, Path.Combine(folder, "silo-api.log"));
        await using var silo = await WhenBothAsync(seeding, starting);
        var catalogueSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await seed.CheckKeywordsAsync();

        using var api = new ApiClient(silo.BaseAddress);
        var userId = await api.RegisterAsync();
        var token = await api.LoginAsync();
        await api.PutProfileAsync();
        await seed.SeedApplicationsAsync(userId);
        var seeded = await seed.DescribeAsync(userId);
        table.Note($"{Section}: seeded {seeded} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s "
                   + $"(catalogue and silo start-up {catalogueSeconds:0.0} s); silo log: {silo.LogPath}.");

        await using var baselineSource = RoleFerryDataSource.Create(connectionString);
        var queries = new ApiQueries(baselineSource, userId);
        await CheckAnswersAsync(api, queries, sizes);

        await MeasureAsync(silo, wrk, new Uri(silo.BaseAddress, "/api/applications"), token,
            $"GET /api/applications ({sizes.MyApplications:N0} of {sizes.Applications:N0} applications, page 1 of 50)",
            "same SQL via Npgsql (count + page batch), same concurrency", ct => queries.ApplicationsAsync(ct));
        await MeasureAsync(silo, wrk, new Uri(silo.BaseAddress, "/api/jobs/matched"), token,
            $"GET /api/jobs/matched ({sizes.Jobs:N0} jobs, {ApiQueries.CandidateLimit:N0} candidates scored)",
            "same SQL via Npgsql (profile + candidates), same concurrency, no scoring", ct => queries.MatchCandidatesAsync(ct));

        var explain = await queries.ExplainAsync();
        var explainPath = Path.Combine(folder, "api-explain.txt");
        await File.WriteAllTextAsync(explainPath, explain);
        table.Note($"{Section}: EXPLAIN (ANALYZE, BUFFERS) of both endpoint queries after the load: {explainPath}.");
    }

    private async Task MeasureAsync(SiloProcess silo, WrkRunner wrk, Uri url, string token, string caseText, string baselineName, Func<CancellationToken, Task> baseline)
    {
        var caseName = $"{caseText}, {wrk.Describe(options.ApiDuration)}";
        Console.WriteLine($"api: {caseName}");
        await wrk.RunAsync(url, token, options.ApiWarmup);
        await Task.Delay(options.ApiDrain);
        using var metrics = new HttpClient { BaseAddress = silo.BaseAddress };
        var before = await RequestDurations.ScrapeAsync(metrics, url.AbsolutePath);
        var product = await wrk.RunAsync(url, token, options.ApiDuration);
        // wrk closes its connections with requests still in flight (the silo counts them as 499); let the silo drain them.
        await Task.Delay(options.ApiDrain);
        var inside = RequestDurations.Between(before, await RequestDurations.ScrapeAsync(metrics, url.AbsolutePath));
        await SqlLoad.RunAsync(options.ApiConnections, options.ApiWarmup, baseline);
        var sql = await SqlLoad.RunAsync(options.ApiConnections, options.ApiDuration, baseline);
        table.Add(new ResultRow(Section, caseName, "requests/s", "1/s", product.RequestsPerSecond, sql.RequestsPerSecond, baselineName));
        table.Add(new ResultRow(Section, caseName, "latency p50", "ms", product.P50Ms, sql.P50Ms, baselineName));
        table.Add(new ResultRow(Section, caseName, "latency p99", "ms", product.P99Ms, sql.P99Ms, baselineName));
        table.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Section}, {caseText}: wrk {product.Requests:N0} requests, all 2xx, no socket errors; baseline {sql.Requests:N0} operations "
            + $"on {options.ApiConnections} concurrent loops; inside the silo (its http.server.request.duration histogram, {inside.Count:N0} answers 200): "
            + $"p50 ≤ {inside.P50Ms:0} ms, p99 ≤ {inside.P99Ms:0} ms (bucket bounds)."));
    }

    /// <summary>Both endpoints answer 200 with the seeded totals, and the SQL baselines see the same rows.</summary>
    private async Task CheckAnswersAsync(ApiClient api, ApiQueries queries, ApiSeedSizes sizes)
    {
        using var applications = await api.GetAsync("/api/applications");
        var total = applications.RootElement.GetProperty("total").GetInt64();
        var items = applications.RootElement.GetProperty("items").GetArrayLength();
        var sqlTotal = await queries.ApplicationsAsync(CancellationToken.None);
        if (total != sizes.MyApplications || sqlTotal != total || items != 50)
        {
            throw new InvalidOperationException($"GET /api/applications: total {total} ({items} items), SQL total {sqlTotal}; expected {sizes.MyApplications}.");
        }

        using var matched = await api.GetAsync("/api/jobs/matched");
        var matchedTotal = matched.RootElement.GetProperty("total").GetInt64();
        var candidates = await queries.MatchCandidatesAsync(CancellationToken.None);
        var scores = matched.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("matchScore").GetInt32()).ToArray();
        if (matchedTotal != candidates || candidates != ApiQueries.CandidateLimit || scores.Length != 50)
        {
            throw new InvalidOperationException($"GET /api/jobs/matched: total {matchedTotal} ({scores.Length} items), SQL candidates {candidates}; expected {ApiQueries.CandidateLimit}.");
        }

        var scoringMs = await queries.ScoreCandidatesMsAsync();
        table.Note($"{Section}: answers checked before the load: /api/applications total {total} (50 on page 1), "
                   + $"/api/jobs/matched total {matchedTotal} candidates, page 1 scores {scores.Max()}..{scores.Min()}; "
                   + $"MatchScorer over the {candidates} candidates + sort, alone in this process: {scoringMs:0.0} ms (best of 30).");
    }

    private static async Task<SiloProcess> WhenBothAsync(Task seeding, Task<SiloProcess> starting)
    {
        try
        {
            await seeding;
        }
        catch
        {
            try
            {
                await (await starting).DisposeAsync();
            }
            catch (Exception)
            {
                // The seeding error is the one to report.
            }

            throw;
        }

        return await starting;
    }
}
