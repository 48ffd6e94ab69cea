namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A mailbox's settings as a PATCH leaves them, ready to write (passwords encrypted; IMAP fields all null when
/// RoleFerry stops reading it).
/// </summary>
public sealed record MailboxSettingsRow(
    string Domain,
    string SmtpHost,
    int SmtpPort,
    string SmtpUsername,
    byte[] SmtpPasswordEncrypted,
    bool UseTls,
    int DailyCap,
    bool WarmupEnabled,
    int MinGapSeconds,
    string? ImapHost,
    int? ImapPort,
    string? ImapUsername,
    byte[]? ImapPasswordEncrypted,
    bool ImapUseTls);
