using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RoleFerry.Grains.Security;

/// <summary>
/// Encrypts secrets (SMTP passwords) at rest with AES-256-GCM: stored bytes = version(1) | nonce(12) | tag(16) |
/// ciphertext. The key comes from <see cref="SecurityOptions.SecretKey"/>; it is never logged.
/// </summary>
public sealed class SecretProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(IOptions<SecurityOptions> options)
    {
        _key = DecodeKey(options.Value.SecretKey, nameof(SecurityOptions.SecretKey));
    }

    public byte[] Encrypt(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return output;
    }

    public string Decrypt(byte[] stored)
    {
        if (stored.Length < 1 + NonceSize + TagSize || stored[0] != FormatVersion)
        {
            throw new CryptographicException("The stored secret is not in a known format.");
        }

        var plain = new byte[stored.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(1, NonceSize), stored.AsSpan(1 + NonceSize + TagSize), stored.AsSpan(1 + NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    internal static byte[] DecodeKey(string base64, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SecurityOptions.SectionName}:{name} must be base64 of 32 random bytes.");
        }

        return key.Length == 32
            ? key
            : throw new InvalidOperationException($"{SecurityOptions.SectionName}:{name} must be base64 of 32 random bytes (got {key.Length} bytes).");
    }
}
