using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using RoleFerry.Silo.Commands;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Hosting;

/// <summary>
/// Orleans' TLS between silos with the cluster certificate of <c>RoleFerry:Cluster:Tls</c> (one made in the test):
/// two silos over TLS form one cluster and call each other; a host with another certificate is turned away at the
/// handshake, so reaching the silo port is not enough to call grains.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("roleferry-tls-").FullName;
    private string _certificatePath = "";

    public async Task InitializeAsync()
    {
        _certificatePath = Path.Combine(_folder, "cluster.pem");
        Assert.Equal(0, await ClusterCertificateCommand.RunAsync(["cluster-certificate", _certificatePath], TextWriter.Null, TextWriter.Null));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_silos_over_tls_form_one_cluster_and_a_host_without_the_certificate_is_refused()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var clusterId = $"tls-{Guid.NewGuid():N}";
        var firstPort = FreePort.Next();
        await using var first = Silo(connectionString, clusterId, firstPort);
        await using var second = Silo(connectionString, clusterId, FreePort.Next());
        _ = first.Server;
        _ = second.Server;

        await BothActiveAsync(first.Services);
        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetRuntimeStatistics([.. hosts.Keys]);   // a message to each silo

        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, statistics.Length);
        await RefusedAsync(firstPort, StrangerCertificate());
    }

    private WebApplicationFactory<Program> Silo(string connectionString, string clusterId, int siloPort) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:RoleFerry", connectionString)
            .UseSetting("RoleFerry:Cluster:ClusterId", clusterId)
            .UseSetting("RoleFerry:Cluster:ServiceId", clusterId)
            .UseSetting("RoleFerry:Cluster:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:AdvertisedAddress", "127.0.0.1")
            .UseSetting("RoleFerry:Cluster:Tls:CertificatePath", _certificatePath));

    /// <summary>Waits on the first silo's membership updates until it sees two active silos (at most two minutes).</summary>
    private static async Task BothActiveAsync(IServiceProvider silo)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var snapshot in silo.GetRequiredService<IClusterMembershipService>().MembershipUpdates.WithCancellation(limit.Token))
        {
            if (snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == 2)
            {
                return;
            }
        }
    }

    /// <summary>A TLS client with <paramref name="certificate"/> gets no conversation with the silo port: the handshake or the first read fails.</summary>
    private static async Task RefusedAsync(int siloPort, X509Certificate2 certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", siloPort);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = await Record.ExceptionAsync(async () =>
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "roleferry-cluster",
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, limit.Token);
            await tls.WriteAsync("RoleFerry?"u8.ToArray(), limit.Token);
            var read = await tls.ReadAsync(new byte[1], limit.Token);
            Assert.Equal(0, read);
        });
        Assert.True(ended is null or IOException or System.Security.Authentication.AuthenticationException, $"{ended}");
        Assert.False(limit.IsCancellationRequested, "the silo kept the stranger's connection open");
    }

    private static X509Certificate2 StrangerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=roleferry-cluster", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
