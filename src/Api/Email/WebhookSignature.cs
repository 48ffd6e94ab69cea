using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Api.Email;

/// <summary><c>X-RoleFerry-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>, compared in constant time.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-RoleFerry-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(byte[] body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(byte[] body, string? header, string secret)
    {
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
