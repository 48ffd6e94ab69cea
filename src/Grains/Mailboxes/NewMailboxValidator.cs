using System.Text.RegularExpressions;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>Checks a <see cref="NewMailbox"/> before anything is stored; bad input → <see cref="ArgumentException"/> naming the field.</summary>
public static partial class NewMailboxValidator
{
    public static void Validate(NewMailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        Require(mailbox.Email is { } email && EmailShape().IsMatch(email.Trim()) && email.Trim().Length <= 320,
            nameof(NewMailbox.Email), $"'{mailbox.Email}' is not an email address (expected name@domain).");
        Require(DomainShape().IsMatch(NormalizeDomain(mailbox.Domain)),
            nameof(NewMailbox.Domain), $"'{mailbox.Domain}' is not a domain name (expected e.g. mail.example.com).");
        Require(!string.IsNullOrWhiteSpace(mailbox.SmtpHost), nameof(NewMailbox.SmtpHost), "The SMTP host is required.");
        Require(mailbox.SmtpPort is >= 1 and <= 65535, nameof(NewMailbox.SmtpPort), $"The SMTP port must be between 1 and 65535 (was {mailbox.SmtpPort}).");
        // An empty username (and password) is allowed: an unauthenticated relay.
        Require(mailbox.SmtpUsername is not null, nameof(NewMailbox.SmtpUsername), "The SMTP username must not be null (empty: no authentication).");
        Require(mailbox.SmtpPassword is not null, nameof(NewMailbox.SmtpPassword), "The SMTP password must not be null (empty: no authentication).");
        Require(mailbox.DailyCap >= 1, nameof(NewMailbox.DailyCap), $"The daily cap must be at least 1 (was {mailbox.DailyCap}).");
        Require(mailbox.MinGapSeconds >= 0, nameof(NewMailbox.MinGapSeconds), $"The minimum gap must not be negative (was {mailbox.MinGapSeconds} seconds).");
        ImapSettingsRules.Validate(mailbox.ImapHost, mailbox.ImapPort, mailbox.ImapUsername, mailbox.ImapPassword);
    }

    /// <summary>Domains are stored lower-cased and trimmed (the <c>domains</c> table checks it).</summary>
    public static string NormalizeDomain(string? domain) => (domain ?? "").Trim().ToLowerInvariant();

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, field);
        }
    }

    // The mailboxes table's own check: one @, no whitespace on either side.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DomainShape();
}
