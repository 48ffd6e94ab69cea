using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Testing;

/// <summary>A secret key of this test process and its protector, for tests that build a mail transport themselves.</summary>
public static class TestSecrets
{
    public static string SecretKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static SecretProtector Protector { get; } = new(Options.Create(new SecurityOptions { SecretKey = SecretKey }));

    private static readonly ConcurrentDictionary<string, SealedSecret> Sealed = new(StringComparer.Ordinal);

    /// <summary>
    /// A password as the mailbox grain hands it out: the same ciphertext for the same password (as a stored password
    /// is), so equal settings stay equal and the transport keeps one connection for them.
    /// </summary>
    public static SealedSecret Seal(string password) => Sealed.GetOrAdd(password, Protector.Seal);
}
