namespace RoleFerry.Grains.Mailboxes;

/// <summary>How to read a mailbox over IMAP. The password stays sealed (<see cref="SealedSecret"/>) until the reader logs in.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.ImapSettings")]
public sealed record ImapSettings(
    [property: Id(0)] string MailboxEmail,
    [property: Id(1)] string Host,
    [property: Id(2)] int Port,
    [property: Id(3)] string Username,
    [property: Id(6)] SealedSecret Password,
    [property: Id(5)] bool UseTls)
{
    public override string ToString() => $"{Username}@{Host}:{Port} (tls: {UseTls})";
}
