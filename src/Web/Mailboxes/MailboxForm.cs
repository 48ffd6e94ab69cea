namespace RoleFerry.Web.Mailboxes;

/// <summary>The add and edit forms of a mailbox; blank passwords on edit keep the current ones.</summary>
public sealed class MailboxForm
{
    public string? Email { get; set; }

    public string? Domain { get; set; }

    public string? SmtpHost { get; set; }

    public int? SmtpPort { get; set; } = 587;

    public string? SmtpUsername { get; set; }

    public string? SmtpPassword { get; set; }

    public bool UseTls { get; set; } = true;

    public int? DailyCap { get; set; } = 40;

    public bool WarmupEnabled { get; set; } = true;

    public int? MinGapSeconds { get; set; } = 60;

    public string? ImapHost { get; set; }

    public int? ImapPort { get; set; }

    public string? ImapUsername { get; set; }

    public string? ImapPassword { get; set; }

    public bool ImapUseTls { get; set; } = true;

    public static MailboxForm From(Mailbox mailbox) => new()
    {
        Email = mailbox.Email,
        Domain = mailbox.Domain,
        SmtpHost = mailbox.SmtpHost,
        SmtpPort = mailbox.SmtpPort,
        SmtpUsername = mailbox.SmtpUsername,
        UseTls = mailbox.UseTls,
        DailyCap = mailbox.DailyCap,
        WarmupEnabled = mailbox.WarmupEnabled,
        MinGapSeconds = mailbox.MinGapSeconds,
        ImapHost = mailbox.ImapHost,
        ImapPort = mailbox.ImapPort,
        ImapUsername = mailbox.ImapUsername,
        ImapUseTls = mailbox.ImapUseTls ?? true,
    };

    /// <summary><c>POST /api/admin/mailboxes</c>'s body: the IMAP settings only with an IMAP host.</summary>
    public object ToCreateRequest()
    {
        var reads = Blank(ImapHost) is not null;
        return new
        {
            email = Email,
            domain = Domain,
            smtpHost = SmtpHost,
            smtpPort = SmtpPort,
            smtpUsername = SmtpUsername,
            smtpPassword = SmtpPassword,
            useTls = UseTls,
            dailyCap = DailyCap,
            warmupEnabled = WarmupEnabled,
            minGapSeconds = MinGapSeconds,
            imapHost = Blank(ImapHost),
            imapPort = reads ? ImapPort : null,
            imapUsername = reads ? Blank(ImapUsername) : null,
            imapPassword = reads ? Blank(ImapPassword) : null,
            imapUseTls = reads ? ImapUseTls : (bool?)null,
        };
    }

    /// <summary>
    /// <c>PATCH /api/admin/mailboxes/{id}</c>'s body: every setting as the form holds it (a blank IMAP host stops reading
    /// the mailbox), passwords only when typed.
    /// </summary>
    public Dictionary<string, object?> ToPatchRequest()
    {
        var patch = new Dictionary<string, object?>
        {
            ["domain"] = Domain,
            ["smtpHost"] = SmtpHost,
            ["smtpPort"] = SmtpPort,
            ["smtpUsername"] = SmtpUsername ?? "",
            ["useTls"] = UseTls,
            ["dailyCap"] = DailyCap,
            ["warmupEnabled"] = WarmupEnabled,
            ["minGapSeconds"] = MinGapSeconds,
            ["imapHost"] = Blank(ImapHost),
        };
        if (Blank(ImapHost) is not null)
        {
            patch["imapPort"] = ImapPort;
            patch["imapUsername"] = Blank(ImapUsername);
            patch["imapUseTls"] = ImapUseTls;
        }

        if (Blank(SmtpPassword) is { } smtp)
        {
            patch["smtpPassword"] = smtp;
        }

        if (Blank(ImapPassword) is { } imap)
        {
            patch["imapPassword"] = imap;
        }

        return patch;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
