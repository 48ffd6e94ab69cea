using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Mailboxes;

/// <summary>The IMAP fields of a mailbox request (POST and PATCH /api/admin/mailboxes), checked the same way.</summary>
public static class ImapFields
{
    public static void Validate(string? host, int? port, string? username, string? password, ValidationErrors errors, bool hostRequired)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (hostRequired && string.IsNullOrWhiteSpace(host))
        {
            errors.Add("imapHost", "imapHost is required with the other IMAP settings.");
        }

        errors.Optional(host, "imapHost", 253);
        if (port is not null and not (>= 1 and <= 65535))
        {
            errors.Add("imapPort", "imapPort must be 1..65535.");
        }

        errors.Optional(username, "imapUsername", 320);
        errors.Optional(password, "imapPassword", 1000);
    }
}
