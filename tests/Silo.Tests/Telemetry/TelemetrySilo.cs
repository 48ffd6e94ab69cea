using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Telemetry;

/// <summary>A whole silo in memory (Development keys, free silo and gateway ports) with extra settings.</summary>
public sealed class TelemetrySilo(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string SiloName = "telemetry-test-silo";

    /// <summary>The silo's port (free when the silo was created).</summary>
    public int SiloPort { get; } = FreePort.Next();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:RoleFerry", connectionString);
        builder.UseSetting("RoleFerry:Cluster:ClusterId", "telemetry-tests");
        builder.UseSetting("RoleFerry:Cluster:SiloName", SiloName);
        builder.UseSetting("RoleFerry:Cluster:SiloPort", SiloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RoleFerry:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RoleFerry:Cluster:AdvertisedAddress", "127.0.0.1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
