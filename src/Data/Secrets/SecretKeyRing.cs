using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Data.Secrets;

/// <summary>
/// The keys that encrypt secrets at rest (<c>RoleFerry:Security:SecretKey</c>, base64 of 32 random bytes, and the
/// <c>RoleFerry:Security:PreviousSecretKeys</c> still accepted after a rotation). Everything encrypted carries the
/// <see cref="IdOf">id</see> of the key it was encrypted with, so a rotation is: the new key becomes
/// <c>SecretKey</c>, the old one moves to <c>PreviousSecretKeys</c>; new secrets use the new key, old ones still
/// decrypt (and are encrypted again with the new key when they are next written).
/// </summary>
public sealed class SecretKeyRing
{
    public const string SecretKeySetting = "RoleFerry:Security:SecretKey";

    public const string PreviousKeysSetting = "RoleFerry:Security:PreviousSecretKeys";

    public const int KeySize = 32;

    private static readonly byte[] IdPurpose = Encoding.UTF8.GetBytes("RoleFerry secret key id");

    private readonly Dictionary<uint, byte[]> _byId = [];
    private readonly List<byte[]> _keys = [];

    public SecretKeyRing(byte[] current, IEnumerable<byte[]> previous)
    {
        Current = current.Length == KeySize ? current : throw new ArgumentException($"A secret key has {KeySize} bytes.", nameof(current));
        CurrentId = IdOf(current);
        _byId[CurrentId] = current;
        _keys.Add(current);
        foreach (var key in previous)
        {
            if (_byId.TryAdd(key.Length == KeySize ? IdOf(key) : throw new ArgumentException($"A secret key has {KeySize} bytes.", nameof(previous)), key))
            {
                _keys.Add(key);
            }
        }
    }

    public byte[] Current { get; }

    public uint CurrentId { get; }

    /// <summary>Every key, the current one first (for secrets written before they carried a key id).</summary>
    public IReadOnlyList<byte[]> All => _keys;

    /// <summary>
    /// The ring of the configured keys; a clear error naming the setting when one is missing or is not base64 of
    /// 32 bytes.
    /// </summary>
    public static SecretKeyRing From(string? secretKey, IEnumerable<string>? previousKeys) =>
        new(Decode(secretKey, SecretKeySetting), (previousKeys ?? []).Select((key, i) => Decode(key, $"{PreviousKeysSetting}:{i}")).ToList());

    /// <summary>A key's id: the first four bytes of SHA-256 over a purpose and the key (reveals nothing of the key).</summary>
    public static uint IdOf(ReadOnlySpan<byte> key) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. IdPurpose, .. key]));

    public byte[] Get(uint id) =>
        _byId.TryGetValue(id, out var key)
            ? key
            : throw new CryptographicException(
                $"The secret was encrypted with key {id:x8}, which is neither {SecretKeySetting} nor one of {PreviousKeysSetting}.");

    /// <summary>Base64 of exactly <see cref="KeySize"/> bytes, else an error naming <paramref name="setting"/>.</summary>
    public static byte[] Decode(string? base64, string setting)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{setting} is not set: base64 of {KeySize} random bytes (`openssl rand -base64 {KeySize}`).");
        }

        var key = new byte[KeySize + 1];
        return Convert.TryFromBase64String(base64.Trim(), key, out var written) && written == KeySize
            ? key[..KeySize]
            : throw new InvalidOperationException($"{setting} must be base64 of {KeySize} random bytes (`openssl rand -base64 {KeySize}`).");
    }
}
