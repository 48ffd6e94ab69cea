namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// How to send from a mailbox. The password stays sealed (<see cref="SealedSecret"/>) until the connection is opened.
/// <see cref="RepliesReadByRoleFerry"/>: RoleFerry reads the mailbox over IMAP, so its emails carry no Reply-To.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SmtpSettings")]
public sealed record SmtpSettings(
    [property: Id(0)] string FromEmail,
    [property: Id(1)] string Host,
    [property: Id(2)] int Port,
    [property: Id(3)] string Username,
    [property: Id(7)] SealedSecret Password,
    [property: Id(5)] bool UseTls,
    [property: Id(6)] bool RepliesReadByRoleFerry = false)
{
    public override string ToString() => $"{Username}@{Host}:{Port} (tls: {UseTls})";
}
