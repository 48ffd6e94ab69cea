namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>The pool's choice: a mailbox id, or none with the earliest time one may be eligible.</summary>
public sealed record MailboxPick(long? MailboxId, DateTimeOffset? RetryAt);
