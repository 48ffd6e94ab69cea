using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// The AES-256-GCM key that encrypts the Data Protection key ring at rest, derived (HKDF-SHA256) from
/// <c>RoleFerry:Security:SecretKey</c> so it never equals the key that encrypts SMTP passwords. Stored element:
/// base64 of nonce(12) | tag(16) | ciphertext.
/// </summary>
public static class KeyRingSecret
{
    public const string ConfigurationKey = "RoleFerry:Security:SecretKey";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("RoleFerry Data Protection key ring");

    /// <summary>The derived key, or null when no valid secret (base64 of 32 bytes) is configured.</summary>
    public static byte[]? From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var secret = new byte[32];
        return Convert.TryFromBase64String(value, secret, out var written) && written == 32
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Purpose)
            : null;
    }

    public static string Encrypt(byte[] key, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    public static string Decrypt(byte[] key, string stored)
    {
        var data = Convert.FromBase64String(stored);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key ring element is truncated.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
