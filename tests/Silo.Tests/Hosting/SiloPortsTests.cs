using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Hosting;

/// <summary>
/// A silo process as ./run.sh starts one: its silo and gateway ports listen on the advertised address only
/// (loopback), and <c>/metrics</c> is served alone on the metrics port, nowhere else.
/// </summary>
public sealed class SiloPortsTests
{
    [Fact]
    public async Task Orleans_ports_listen_on_the_advertised_loopback_only_and_metrics_live_alone_on_their_port()
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var metricsPort = FreePort.Next();
        var http = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var metrics = new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RoleFerry"] = await TestDatabase.CreateAsync(),
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Cluster:ClusterId"] = $"ports-{Guid.NewGuid():N}",
            ["RoleFerry:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["RoleFerry:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["RoleFerry:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["RoleFerry:Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        };
        await using var silo = await SiloProcess.StartAsync(Environments.Production, settings, http, metrics);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var listening = ListeningAddresses();
        var scrape = await client.GetAsync(new Uri(metrics, "/metrics"));
        var metricsOnApiPort = await client.GetAsync(new Uri(http, "/metrics"));
        var apiOnMetricsPort = await client.GetAsync(new Uri(metrics, "/health/ready"));

        Assert.Equal([IPAddress.Loopback], listening.GetValueOrDefault(siloPort));
        Assert.Equal([IPAddress.Loopback], listening.GetValueOrDefault(gatewayPort));
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE ", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnApiPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnMetricsPort.StatusCode);
    }

    /// <summary>The local addresses of this machine's listening TCP sockets, by port (Linux: /proc/net/tcp and tcp6).</summary>
    private static Dictionary<int, List<IPAddress>> ListeningAddresses()
    {
        const string Listen = "0A";
        var byPort = new Dictionary<int, List<IPAddress>>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != Listen)
                {
                    continue;
                }

                var (address, port) = (fields[1].Split(':')[0], int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                var bytes = Convert.FromHexString(address);
                // The kernel prints each 32-bit word of the address in host (little-endian) order.
                for (var word = 0; word < bytes.Length; word += 4)
                {
                    Array.Reverse(bytes, word, 4);
                }

                var ip = new IPAddress(bytes);
                (byPort.TryGetValue(port, out var list) ? list : byPort[port] = []).Add(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
            }
        }

        return byPort;
    }
}
