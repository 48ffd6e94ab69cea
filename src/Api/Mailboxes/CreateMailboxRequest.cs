using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Mailboxes;

/// <summary>
/// POST /api/admin/mailboxes. Passwords are encrypted at rest and never returned. With <see cref="ImapHost"/>
/// RoleFerry reads the mailbox over IMAP (the other IMAP fields default to TLS as for SMTP, port 993, or 143 without
/// TLS, and the SMTP username and password).
/// </summary>
public sealed record CreateMailboxRequest(
    string? Email,
    string? Domain,
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpUsername,
    string? SmtpPassword,
    bool? UseTls,
    int? DailyCap,
    bool? WarmupEnabled,
    int? MinGapSeconds,
    string? ImapHost = null,
    int? ImapPort = null,
    string? ImapUsername = null,
    string? ImapPassword = null,
    bool? ImapUseTls = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(Email, "email", 320);
        if (Email is not null && !EmailRules.IsValid(Email))
        {
            errors.Add("email", "email is not a valid address.");
        }

        errors.Required(Domain, "domain", 253);
        if (!string.IsNullOrWhiteSpace(Domain) && !MailboxDomainRules.IsValid(Domain))
        {
            errors.Add("domain", "domain must be a domain name such as mail.example.com.");
        }

        errors.Required(SmtpHost, "smtpHost", 253);
        if (SmtpPort is not (>= 1 and <= 65535))
        {
            errors.Add("smtpPort", "smtpPort must be 1..65535.");
        }

        errors.Optional(SmtpUsername, "smtpUsername", 320);
        errors.Optional(SmtpPassword, "smtpPassword", 1000);
        if (DailyCap is not (>= 1 and <= 100_000))
        {
            errors.Add("dailyCap", "dailyCap must be 1..100000.");
        }

        if (MinGapSeconds is < 0 or > 86_400)
        {
            errors.Add("minGapSeconds", "minGapSeconds must be 0..86400.");
        }

        ImapFields.Validate(ImapHost, ImapPort, ImapUsername, ImapPassword, errors, hostRequired: ImapPort is not null || ImapUsername is not null || ImapPassword is not null);
        return errors;
    }

    public override string ToString() => $"{Email} via {SmtpHost}:{SmtpPort}";
}
