namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// The pool's answer to a new mailbox: the stored mailbox, or the refused field (a <see cref="NewMailbox"/>
/// property name) with the reason; <see cref="Duplicate"/> when the email is already a mailbox.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.AddMailboxResult")]
public sealed record AddMailboxResult(
    [property: Id(0)] MailboxSnapshot? Mailbox,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool Duplicate)
{
    public static AddMailboxResult Added(MailboxSnapshot mailbox) => new(mailbox, null, null, false);

    public static AddMailboxResult Refused(string field, string error) => new(null, field, error, false);

    public static AddMailboxResult AlreadyExists(string field, string error) => new(null, field, error, true);
}
