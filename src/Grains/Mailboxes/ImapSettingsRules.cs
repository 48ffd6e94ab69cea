using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// IMAP settings of a mailbox: given with a host, the others default (TLS as for SMTP; port 993 with TLS, else 143;
/// the SMTP username and password, as most providers use one login for both); without a host, none at all.
/// </summary>
public static class ImapSettingsRules
{
    public static int DefaultPort(bool useTls) => useTls ? 993 : 143;

    /// <summary>A new mailbox with its IMAP defaults filled in (or its IMAP fields cleared when it gives no IMAP setting).</summary>
    public static NewMailbox WithDefaults(NewMailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        if (string.IsNullOrWhiteSpace(mailbox.ImapHost))
        {
            return mailbox.ImapPort is null && mailbox.ImapUsername is null && mailbox.ImapPassword is null
                ? mailbox with { ImapHost = null, ImapUseTls = null }
                : mailbox with { ImapHost = null };
        }

        var tls = mailbox.ImapUseTls ?? mailbox.UseTls;
        return mailbox with
        {
            ImapHost = mailbox.ImapHost.Trim(),
            ImapUseTls = tls,
            ImapPort = mailbox.ImapPort ?? DefaultPort(tls),
            ImapUsername = (mailbox.ImapUsername ?? mailbox.SmtpUsername)?.Trim(),
            ImapPassword = mailbox.ImapPassword ?? mailbox.SmtpPassword,
        };
    }

    /// <summary>Refuses incomplete or impossible IMAP settings (<see cref="ArgumentException"/> naming the field).</summary>
    public static void Validate(string? host, int? port, string? username, string? password)
    {
        if (host is null && port is null && username is null && password is null)
        {
            return;
        }

        Require(!string.IsNullOrWhiteSpace(host) && host.Trim().Length <= 253, nameof(NewMailbox.ImapHost), "The IMAP host is required with the other IMAP settings (at most 253 characters).");
        Require(port is >= 1 and <= 65535, nameof(NewMailbox.ImapPort), $"The IMAP port must be between 1 and 65535 (was {port}).");
        Require(username is not null, nameof(NewMailbox.ImapUsername), "The IMAP username must not be null.");
        Require(password is not null, nameof(NewMailbox.ImapPassword), "The IMAP password must not be null.");
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, field);
        }
    }
}
