using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace RoleFerry.Silo.Hosting;

/// <summary>
/// Orleans' TLS (Microsoft.Orleans.Connections.Security) on a silo's silo-to-silo and gateway connections, both
/// ways, with the cluster certificate of <see cref="ClusterTlsSettings"/>: each side must present a certificate and
/// it must be that one (compared byte for byte: the cluster certificate is usually self-signed, so no chain or host
/// name is checked, only possession of its key, which the TLS handshake proves).
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, X509Certificate2 certificate) =>
        silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => IsClusterCertificate(remote, certificate);
            options.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        });

    /// <summary>True when <paramref name="remote"/> is the cluster certificate.</summary>
    public static bool IsClusterCertificate(X509Certificate2 remote, X509Certificate2 cluster) =>
        remote.RawDataMemory.Span.SequenceEqual(cluster.RawDataMemory.Span);
}
