using System.Net;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint of a silo: on by default at /metrics, configurable, off when empty.</summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_answers_with_Orleans_and_request_metrics_that_name_the_silo_and_never_the_database_password()
    {
        const string password = "do-not-show-this-password";
        await using var silo = new TelemetrySilo(await TestDatabase.CreateAsync() + $";Password={password}");
        using var firstActivation = new FirstActivation(silo.SiloPort);
        using var client = silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // Orleans counts its catalog's activations as they happen: the first scrape after the silo's first activation
        // (its maintenance grain, at start) shows the count.
        await firstActivation.WaitAsync(TimeSpan.FromSeconds(15));
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("orleans_catalog_activations", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_count", text, StringComparison.Ordinal);
        Assert.Contains($"service_instance_id=\"{TelemetrySilo.SiloName}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        // Scrapes are left out of the request metrics (the first scrape would show in the second).
        Assert.DoesNotContain(
            text.Split('\n'),
            line => line.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && line.Contains("http_route=\"/metrics\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_path_turns_the_endpoint_off_and_another_path_moves_it()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var off = new TelemetrySilo(connectionString, new Dictionary<string, string?> { ["RoleFerry:Telemetry:PrometheusPath"] = "" });
        await using var moved = new TelemetrySilo(connectionString, new Dictionary<string, string?> { ["RoleFerry:Telemetry:PrometheusPath"] = "/internal/metrics" });
        using var offClient = off.CreateClient();
        using var movedClient = moved.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await offClient.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await movedClient.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await movedClient.GetAsync("/internal/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_path_without_a_leading_slash_stops_start_up()
    {
        await using var silo = new TelemetrySilo(await TestDatabase.CreateAsync(), new Dictionary<string, string?> { ["RoleFerry:Telemetry:PrometheusPath"] = "metrics" });

        var error = Assert.Throws<InvalidOperationException>(() => silo.Server);

        Assert.Contains("RoleFerry:Telemetry:PrometheusPath", error.Message, StringComparison.Ordinal);
    }
}
