using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Orleans.Configuration;

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

    /// <summary>
    /// This silo's name in the membership table, the dashboard, the logs (a scope on every line) and the telemetry
    /// (<c>service.instance.id</c>). Empty = <c>{host name}-{SiloPort}</c>: unique on one machine, and in a container
    /// the host name is the container's id.
    /// </summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// The address other silos reach this one at, and the only one its silo and gateway ports listen on; empty = this
    /// machine's first non-loopback address, else loopback (./run.sh: 127.0.0.1).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>TLS on the silo and gateway ports (off unless a certificate is configured).</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    /// <summary>
    /// How long a silo waits for a probe's answer before counting it missed (Orleans' default: 5 s). Together with
    /// <see cref="MissedProbesLimit"/> and <see cref="DeathVotes"/> it sets how fast a crashed silo is declared dead:
    /// about ProbeTimeout × MissedProbesLimit (≈ 9 s with these defaults; a refused connection fails a probe at once).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Missed probes in a row after which a silo suspects another (Orleans' default: 3).</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (Orleans' default: 2; fewer live silos: all of them).</summary>
    public int DeathVotes { get; set; } = 2;

    public string ResolveSiloName() =>
        string.IsNullOrWhiteSpace(SiloName) ? $"{Dns.GetHostName()}-{SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : SiloName.Trim();

    public IPAddress? AdvertisedIPAddress =>
        string.IsNullOrWhiteSpace(AdvertisedAddress) ? null : IPAddress.Parse(AdvertisedAddress);

    /// <summary>
    /// <see cref="AdvertisedAddress"/>, else the first non-loopback IPv4 address this machine's host name resolves
    /// to, else the first non-loopback IPv4 address of a network interface that is up, else loopback. In a Docker
    /// container the host name is the container's id, which Docker maps in the container's /etc/hosts to its
    /// address on the network, so each replica advertises its own address.
    /// </summary>
    public IPAddress ResolveAdvertisedAddress() =>
        AdvertisedIPAddress ?? HostNameAddress() ?? InterfaceAddress() ?? IPAddress.Loopback;

    private static bool IsRoutableIPv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address);

    private static IPAddress? HostNameAddress()
    {
        try
        {
            return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(IsRoutableIPv4);
        }
        catch (SocketException)
        {
            return null;   // the host name resolves nowhere (not in /etc/hosts, no DNS)
        }
    }

    private static IPAddress? InterfaceAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses, (_, a) => a.Address)
            .FirstOrDefault(IsRoutableIPv4);

    /// <summary>The failover settings above, on Orleans' membership options.</summary>
    public void ApplyFailover(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = ProbeTimeout < options.MinProbeTimeout ? ProbeTimeout : options.MinProbeTimeout;
        options.NumMissedProbesLimit = MissedProbesLimit;
        options.NumVotesForDeathDeclaration = DeathVotes;
    }
}
