using System.Net;

namespace RoleFerry.Silo.Hosting;

/// <summary>
/// Where this silo sits in its cluster (configuration section <c>RoleFerry:Cluster</c>, env
/// <c>RoleFerry__Cluster__SiloPort=11112</c>). Silos with the same <see cref="ClusterId"/> on the same database
/// form one cluster through Orleans' ADO.NET membership table; <see cref="ServiceId"/> keys reminders and grain
/// state, so it must stay the same across deployments.
/// </summary>
public sealed class ClusterSettings
{
    public const string SectionName = "RoleFerry:Cluster";

    public string ClusterId { get; set; } = "roleferry";

    public string ServiceId { get; set; } = "roleferry";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (the silo co-hosts the API, which needs none).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; empty = this machine's first non-loopback address, else loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    public IPAddress? AdvertisedIPAddress =>
        string.IsNullOrWhiteSpace(AdvertisedAddress) ? null : IPAddress.Parse(AdvertisedAddress);
}
