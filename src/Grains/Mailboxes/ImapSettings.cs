namespace RoleFerry.Grains.Mailboxes;

/// <summary>How to read a mailbox over IMAP. Holds the decrypted password: never log or return it.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.ImapSettings")]
public sealed record ImapSettings(
    [property: Id(0)] string MailboxEmail,
    [property: Id(1)] string Host,
    [property: Id(2)] int Port,
    [property: Id(3)] string Username,
    [property: Id(4)] string Password,
    [property: Id(5)] bool UseTls)
{
    public override string ToString() => $"{Username}@{Host}:{Port} (tls: {UseTls})";
}
