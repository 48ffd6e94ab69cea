using MimeKit;

namespace RoleFerry.Grains.Email;

/// <summary>
/// Bare email addresses (<c>local@domain</c>, no display name, no comment) parsed strictly with MimeKit: what
/// RoleFerry puts in From, To, Reply-To and the SMTP envelope.
/// </summary>
internal static class EmailAddress
{
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
    };

    /// <summary>True when <paramref name="address"/> is exactly one bare address with a domain.</summary>
    public static bool IsBare(string? address) => TryParse(address, out _);

    /// <summary>The mailbox <paramref name="name"/> &lt;<paramref name="address"/>&gt;; a blank name is left out.</summary>
    /// <exception cref="FormatException"><paramref name="address"/> is not a bare address.</exception>
    public static MailboxAddress Mailbox(string? name, string address) =>
        TryParse(address, out var parsed)
            ? new MailboxAddress(string.IsNullOrWhiteSpace(name) ? null : name, parsed.Address)
            : throw new FormatException($"'{address}' is not a bare email address.");

    /// <summary>The domain of <paramref name="address"/> as written.</summary>
    /// <exception cref="FormatException"><paramref name="address"/> is not a bare address.</exception>
    public static string Domain(string address) => Mailbox(null, address).Domain;

    private static bool TryParse(string? address, out MailboxAddress parsed)
    {
        parsed = null!;
        if (string.IsNullOrEmpty(address) || address.Trim() != address || !MailboxAddress.TryParse(Strict, address, out var mailbox))
        {
            return false;
        }

        parsed = mailbox;
        return string.IsNullOrEmpty(mailbox.Name) && mailbox.Route.Count == 0 && mailbox.Address == address && mailbox.Domain.Length > 0;
    }
}
