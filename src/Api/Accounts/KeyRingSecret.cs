using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using RoleFerry.Data.Secrets;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// The AES-256-GCM keys that encrypt the Data Protection key ring at rest, derived (HKDF-SHA256) from each key of the
/// <see cref="SecretKeyRing"/> (<c>RoleFerry:Security:SecretKey</c> and the previous keys of a rotation) so they never
/// equal the keys that encrypt SMTP passwords. A stored element is base64 of nonce(12) | tag(16) | ciphertext and
/// names the id of the secret key it was derived from (none before rotation existed: then every key is tried).
/// </summary>
public sealed class KeyRingSecret
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("RoleFerry Data Protection key ring");

    private readonly SecretKeyRing _keys;

    private KeyRingSecret(SecretKeyRing keys) => _keys = keys;

    /// <summary>The configured keys; an error naming the setting when one is missing or malformed.</summary>
    public static KeyRingSecret From(IConfiguration configuration) =>
        new(SecretKeyRing.From(
            configuration[SecretKeyRing.SecretKeySetting],
            configuration.GetSection(SecretKeyRing.PreviousKeysSetting).GetChildren().Select(c => c.Value ?? "")));

    /// <summary>The id of the key new elements are encrypted with, as stored beside them.</summary>
    public string CurrentKeyId => FormatId(_keys.CurrentId);

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(Derive(_keys.Current), TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    /// <param name="keyId">the id stored with the element; null for an element written before key ids.</param>
    public string Decrypt(string stored, string? keyId)
    {
        var data = Convert.FromBase64String(stored);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key ring element is truncated.");
        }

        if (keyId is not null)
        {
            return Open(_keys.Get(uint.Parse(keyId, NumberStyles.HexNumber, CultureInfo.InvariantCulture)), data);
        }

        foreach (var key in _keys.All)
        {
            try
            {
                return Open(key, data);
            }
            catch (AuthenticationTagMismatchException)
            {
                // another key's
            }
        }

        throw new CryptographicException(
            $"The key ring element was encrypted with a key that is neither {SecretKeyRing.SecretKeySetting} nor one of {SecretKeyRing.PreviousKeysSetting}.");
    }

    private static string FormatId(uint id) => id.ToString("x8", CultureInfo.InvariantCulture);

    private static byte[] Derive(byte[] secret) => HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Purpose);

    private static string Open(byte[] secret, byte[] data)
    {
        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Derive(secret), TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
