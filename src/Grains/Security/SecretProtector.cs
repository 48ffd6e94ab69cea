using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RoleFerry.Data.Secrets;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Security;

/// <summary>
/// Encrypts secrets (SMTP and IMAP passwords) at rest with AES-256-GCM under the current key of the
/// <see cref="SecretKeyRing"/>: stored bytes = version 2 (1) | key id (4, big-endian) | nonce (12) | tag (16) |
/// ciphertext. Decryption takes the key the id names (the current one or one of the previous keys after a rotation);
/// version 1 (no key id, written before rotation existed) is tried with every key. Keys are never logged. Secrets
/// are decrypted only where they are used (the SMTP connection, the IMAP reader), never before a grain call.
/// </summary>
public sealed class SecretProtector
{
    private const byte UnkeyedVersion = 1;
    private const byte KeyedVersion = 2;
    private const int KeyIdSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Header = 1 + KeyIdSize + NonceSize + TagSize;
    private readonly SecretKeyRing _keys;

    public SecretProtector(IOptions<SecurityOptions> options)
    {
        _keys = SecretKeyRing.From(options.Value.SecretKey, options.Value.PreviousSecretKeys);
    }

    public byte[] Encrypt(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[Header + plain.Length];
        output[0] = KeyedVersion;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, KeyIdSize), _keys.CurrentId);
        var nonce = output.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys.Current, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(Header), output.AsSpan(1 + KeyIdSize + NonceSize, TagSize));
        return output;
    }

    public string Decrypt(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length >= Header && stored[0] == KeyedVersion)
        {
            var key = _keys.Get(BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1, KeyIdSize)));
            return Open(key, stored.AsSpan(1 + KeyIdSize, NonceSize), stored.AsSpan(1 + KeyIdSize + NonceSize, TagSize), stored.AsSpan(Header));
        }

        if (stored.Length >= 1 + NonceSize + TagSize && stored[0] == UnkeyedVersion)
        {
            foreach (var key in _keys.All)
            {
                try
                {
                    return Open(key, stored.AsSpan(1, NonceSize), stored.AsSpan(1 + NonceSize, TagSize), stored.AsSpan(1 + NonceSize + TagSize));
                }
                catch (AuthenticationTagMismatchException)
                {
                    // another key's
                }
            }

            throw new CryptographicException($"The secret was encrypted with a key that is neither {SecretKeyRing.SecretKeySetting} nor one of {SecretKeyRing.PreviousKeysSetting}.");
        }

        throw new CryptographicException("The stored secret is not in a known format.");
    }

    /// <summary>The secret as a grain message may carry it (encrypted); <see cref="SealedSecret.None"/> for no secret.</summary>
    public SealedSecret Seal(string secret) => secret.Length == 0 ? SealedSecret.None : Sealed(Encrypt(secret));

    /// <summary>What <see cref="Encrypt"/> stored, as a grain message may carry it.</summary>
    public static SealedSecret Sealed(byte[] stored) => stored.Length == 0 ? SealedSecret.None : new SealedSecret(Convert.ToBase64String(stored));

    /// <summary>The plaintext of a sealed secret: only where it is used (logging in to the SMTP or IMAP server).</summary>
    public string Unseal(SealedSecret sealedSecret) =>
        sealedSecret.IsEmpty ? "" : Decrypt(Convert.FromBase64String(sealedSecret.Ciphertext));

    /// <summary>True when <paramref name="stored"/> was encrypted with another key than the current one (it should be encrypted again).</summary>
    public bool NeedsNewKey(byte[] stored) =>
        stored.Length < Header || stored[0] != KeyedVersion || BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1, KeyIdSize)) != _keys.CurrentId;

    private static string Open(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> ciphertext)
    {
        var plain = new byte[ciphertext.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, ciphertext, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }
}
