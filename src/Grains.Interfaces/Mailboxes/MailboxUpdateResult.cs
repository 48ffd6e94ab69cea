namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>The mailbox after a settings change, or the refused field (a <see cref="MailboxSettingsChange"/> property name) with the reason.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MailboxUpdateResult")]
public sealed record MailboxUpdateResult(
    [property: Id(0)] MailboxSnapshot? Mailbox,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Error)
{
    public static MailboxUpdateResult Updated(MailboxSnapshot mailbox) => new(mailbox, null, null);

    public static MailboxUpdateResult Refused(string field, string error) => new(null, field, error);
}
