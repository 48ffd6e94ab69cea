using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Tests.Security;

/// <summary>Secrets at rest name the key they were encrypted with, so the secret key can be rotated.</summary>
public sealed class SecretProtectorTests
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void After_a_rotation_old_secrets_still_decrypt_new_ones_use_the_new_key_and_a_dropped_key_is_named()
    {
        var before = Protector(OldKey);
        var stored = before.Encrypt("smtp password");
        var rotated = Protector(NewKey, OldKey);

        var reencrypted = rotated.Encrypt(rotated.Decrypt(stored));

        Assert.Equal("smtp password", rotated.Decrypt(stored));
        Assert.True(rotated.NeedsNewKey(stored));
        Assert.False(rotated.NeedsNewKey(reencrypted));
        Assert.Equal("smtp password", Protector(NewKey).Decrypt(reencrypted));
        var dropped = Assert.Throws<CryptographicException>(() => Protector(NewKey).Decrypt(stored));
        Assert.Contains("RoleFerry:Security:PreviousSecretKeys", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_written_before_key_ids_is_read_with_whichever_key_opens_it()
    {
        var legacy = LegacyEncrypt(Convert.FromBase64String(OldKey), "imap password");

        Assert.Equal("imap password", Protector(NewKey, OldKey).Decrypt(legacy));
        Assert.True(Protector(OldKey).NeedsNewKey(legacy));
        Assert.Throws<CryptographicException>(() => Protector(NewKey).Decrypt(legacy));
    }

    private static SecretProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new SecurityOptions { SecretKey = key, PreviousSecretKeys = previous }));

    /// <summary>The format of the first version: 1 | nonce(12) | tag(16) | ciphertext, no key id.</summary>
    private static byte[] LegacyEncrypt(byte[] key, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[1 + 12 + 16 + plain.Length];
        output[0] = 1;
        RandomNumberGenerator.Fill(output.AsSpan(1, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(1, 12), plain, output.AsSpan(29), output.AsSpan(13, 16));
        return output;
    }
}
