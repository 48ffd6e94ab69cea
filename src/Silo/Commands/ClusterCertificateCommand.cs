using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RoleFerry.Silo.Commands;

/// <summary>
/// <c>cluster-certificate PATH</c>: writes a new self-signed cluster certificate with its private key (PEM, readable
/// by its owner only) to PATH unless the file exists, then exits 0. docker-compose runs it once in a one-off silo
/// container before the silos start, on the volume they read <c>RoleFerry:Cluster:Tls:CertificatePath</c> from, so
/// every replica presents and accepts the same certificate (<see cref="Hosting.ClusterTls"/>). Operators with a
/// certificate of their own point the setting at it instead.
/// </summary>
public static class ClusterCertificateCommand
{
    public const string Verb = "cluster-certificate";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [Verb, { Length: > 0 } path])
        {
            await error.WriteLineAsync($"usage: {Verb} PATH");
            return 2;
        }

        if (File.Exists(path))
        {
            await output.WriteLineAsync($"{path} exists; kept.");
            return 0;
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, CreatePem(TimeProvider.System.GetUtcNow()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two containers started together: the first rename wins, the other keeps what it found.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            await output.WriteLineAsync($"{path} exists; kept.");
            return 0;
        }

        await output.WriteLineAsync($"{path}: a new cluster certificate.");
        return 0;
    }

    /// <summary>A self-signed certificate for server and client authentication, valid ten years, and its key, as PEM.</summary>
    public static string CreatePem(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=roleferry-cluster", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));   // server and client authentication
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
