using System.Security.Cryptography.X509Certificates;

namespace RoleFerry.Silo.Hosting;

/// <summary>
/// TLS on the silo-to-silo and gateway ports (section <c>RoleFerry:Cluster:Tls</c>): on when
/// <see cref="CertificatePath"/> is set. Every silo of a cluster presents the same cluster certificate and accepts a
/// connection only from a peer that presents it too (mutual TLS, the certificate pinned), so a host that reaches the
/// ports but lacks the certificate's private key can neither call grains nor read the messages between silos.
/// </summary>
public sealed class ClusterTlsSettings
{
    /// <summary>
    /// The cluster certificate: a PEM file (the certificate, and its private key unless <see cref="KeyPath"/> names
    /// another file) or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) with <see cref="CertificatePassword"/>.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file.</summary>
    public string? CertificatePassword { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The certificate with its private key; a clear error naming the setting when it cannot be read.</summary>
    public X509Certificate2 LoadCertificate()
    {
        var path = CertificatePath?.Trim() ?? throw new InvalidOperationException($"{ClusterSettings.SectionName}:Tls:{nameof(CertificatePath)} is not set.");
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword)
                : X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(KeyPath) ? null : KeyPath.Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{ClusterSettings.SectionName}:Tls:{nameof(CertificatePath)} ({path}) could not be read as a certificate with its private key: {e.Message}", e);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{ClusterSettings.SectionName}:Tls:{nameof(CertificatePath)} ({path}) holds no private key.");
    }
}
