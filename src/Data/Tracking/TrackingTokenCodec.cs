using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Data.Tracking;

/// <summary>
/// Creates and verifies the signed tokens of tracking, click, unsubscribe and LivePage links. A token is the
/// URL-safe base64 (no padding) of <c>version(1) | kind(1) | outreach id(8, big-endian) | click URL (UTF-8) |
/// HMAC-SHA256(payload) truncated to 16 bytes</c>, keyed with a key derived (HKDF) from the signing key. Only the
/// holder of the key can make one, so ids cannot be enumerated and a click redirects only to a URL we signed.
/// </summary>
public sealed class TrackingTokenCodec
{
    /// <summary>Longest click URL a token may carry, in UTF-8 bytes.</summary>
    public const int MaxUrlBytes = 2048;

    private const byte FormatVersion = 1;
    private const int HeaderSize = 1 + 1 + 8;
    private const int SignatureSize = 16;
    private const int MaxTokenBytes = HeaderSize + MaxUrlBytes + SignatureSize;
    private static readonly byte[] KeyPurpose = "RoleFerry tracking tokens v1"u8.ToArray();
    private readonly byte[] _key;

    /// <param name="signingKey">At least 32 random bytes (RoleFerry:Security:TokenSigningKey, decoded).</param>
    public TrackingTokenCodec(byte[] signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Length < 32)
        {
            throw new ArgumentException($"The token signing key must be at least 32 bytes (got {signingKey.Length}).", nameof(signingKey));
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, salt: [], info: KeyPurpose);
    }

    /// <summary>A token for <paramref name="kind"/> and <paramref name="outreachId"/>; <paramref name="url"/> only (and always) for a click.</summary>
    /// <exception cref="ArgumentException">A click without an absolute http(s) URL, a URL on another kind, or an id below 1.</exception>
    public string Create(TrackingKind kind, long outreachId, string? url = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown tracking kind.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(outreachId, 1);
        if (kind == TrackingKind.Click ? !IsWebUrl(url) : url is not null)
        {
            throw new ArgumentException(
                kind == TrackingKind.Click ? $"A click token needs an absolute http(s) URL (got '{url}')." : $"Only a click token carries a URL ({kind} does not).",
                nameof(url));
        }

        var urlBytes = url is null ? [] : Encoding.UTF8.GetBytes(url);
        if (urlBytes.Length > MaxUrlBytes)
        {
            throw new ArgumentException($"A click URL may be at most {MaxUrlBytes} bytes long (got {urlBytes.Length}).", nameof(url));
        }

        var token = new byte[HeaderSize + urlBytes.Length + SignatureSize];
        token[0] = FormatVersion;
        token[1] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(2, 8), outreachId);
        urlBytes.CopyTo(token.AsSpan(HeaderSize));
        Sign(token.AsSpan(0, token.Length - SignatureSize), token.AsSpan(token.Length - SignatureSize));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>A token for <paramref name="payload"/>.</summary>
    public string Create(TrackingToken payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Create(payload.Kind, payload.OutreachId, payload.Url);
    }

    /// <summary>
    /// True, with what it says, when <paramref name="token"/> is exactly a token this key made (checked in constant
    /// time); false for anything else: garbage, truncation, any changed character, another key's token.
    /// </summary>
    public bool TryRead(string? token, [NotNullWhen(true)] out TrackingToken? payload)
    {
        payload = null;
        if (string.IsNullOrEmpty(token) || token.Length > Base64Url.GetEncodedLength(MaxTokenBytes))
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (!IsUrlSafeBase64(token)
            || Base64Url.DecodeFromChars(token, bytes, out _, out var length) != OperationStatus.Done
            || length < HeaderSize + SignatureSize)
        {
            return false;
        }

        bytes = bytes[..length];
        // One spelling per token: reject variants (whitespace, stray bits in the last character) that decode alike.
        if (!string.Equals(Base64Url.EncodeToString(bytes), token, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SignatureSize];
        Sign(bytes.AsSpan(0, length - SignatureSize), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(length - SignatureSize)))
        {
            return false;
        }

        var kind = (TrackingKind)bytes[1];
        var outreachId = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2, 8));
        var urlBytes = bytes.AsSpan(HeaderSize, length - HeaderSize - SignatureSize);
        if (bytes[0] != FormatVersion || !Enum.IsDefined(kind) || outreachId < 1)
        {
            return false;
        }

        string? url = null;
        if (kind == TrackingKind.Click)
        {
            url = Encoding.UTF8.GetString(urlBytes);
            if (!IsWebUrl(url))
            {
                return false;
            }
        }
        else if (!urlBytes.IsEmpty)
        {
            return false;
        }

        payload = new TrackingToken(kind, outreachId, url);
        return true;
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> signature)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, payload, mac);
        mac[..SignatureSize].CopyTo(signature);
    }

    /// <summary>Only the URL-safe alphabet: no padding, no whitespace.</summary>
    private static bool IsUrlSafeBase64(string token) =>
        token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static bool IsWebUrl([NotNullWhen(true)] string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
