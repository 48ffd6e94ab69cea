namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>How to send from a mailbox. Holds the decrypted password: never log or return it.</summary>
public sealed record SmtpSettings(string FromEmail, string Host, int Port, string Username, string Password, bool UseTls)
{
    public override string ToString() => $"{Username}@{Host}:{Port} (tls: {UseTls})";
}
