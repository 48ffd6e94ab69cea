namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// A mailbox to add to the platform pool (admin API). With <see cref="ImapHost"/> RoleFerry reads it over IMAP; the
/// other IMAP fields default to TLS as for SMTP, port 993 (143 without TLS) and the SMTP username and password.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.NewMailbox")]
public sealed record NewMailbox(
    [property: Id(0)] string Email,
    [property: Id(1)] string Domain,
    [property: Id(2)] string SmtpHost,
    [property: Id(3)] int SmtpPort,
    [property: Id(4)] string SmtpUsername,
    [property: Id(5)] string SmtpPassword,
    [property: Id(6)] bool UseTls,
    [property: Id(7)] int DailyCap,
    [property: Id(8)] bool WarmupEnabled,
    [property: Id(9)] int MinGapSeconds,
    [property: Id(10)] string? ImapHost = null,
    [property: Id(11)] int? ImapPort = null,
    [property: Id(12)] string? ImapUsername = null,
    [property: Id(13)] string? ImapPassword = null,
    [property: Id(14)] bool? ImapUseTls = null)
{
    public override string ToString() => $"{Email} via {SmtpHost}:{SmtpPort}";
}
