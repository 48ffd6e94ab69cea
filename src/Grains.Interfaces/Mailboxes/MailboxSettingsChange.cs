namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// A change of a mailbox's settings (PATCH /api/admin/mailboxes/{id}): null = unchanged. IMAP fields given for a
/// mailbox not read yet need <see cref="ImapHost"/> (the rest default as on creation); <see cref="RemoveImap"/> stops
/// RoleFerry reading it. The email never changes (a new address is a new mailbox).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MailboxSettingsChange")]
public sealed record MailboxSettingsChange(
    [property: Id(0)] string? Domain = null,
    [property: Id(1)] string? SmtpHost = null,
    [property: Id(2)] int? SmtpPort = null,
    [property: Id(3)] string? SmtpUsername = null,
    [property: Id(4)] string? SmtpPassword = null,
    [property: Id(5)] bool? UseTls = null,
    [property: Id(6)] int? DailyCap = null,
    [property: Id(7)] bool? WarmupEnabled = null,
    [property: Id(8)] int? MinGapSeconds = null,
    [property: Id(9)] string? ImapHost = null,
    [property: Id(10)] int? ImapPort = null,
    [property: Id(11)] string? ImapUsername = null,
    [property: Id(12)] string? ImapPassword = null,
    [property: Id(13)] bool? ImapUseTls = null,
    [property: Id(14)] bool RemoveImap = false)
{
    /// <summary>Passwords stay out of logs.</summary>
    public override string ToString() =>
        $"settings change (smtp {SmtpHost}:{SmtpPort}, imap {(RemoveImap ? "removed" : $"{ImapHost}:{ImapPort}")})";

    public bool ChangesImap => RemoveImap || ImapHost is not null || ImapPort is not null || ImapUsername is not null
        || ImapPassword is not null || ImapUseTls is not null;
}
