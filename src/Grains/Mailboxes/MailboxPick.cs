namespace RoleFerry.Grains.Mailboxes;

/// <summary>The pool's choice: a mailbox id, or none with the earliest time one may be eligible.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MailboxPick")]
public sealed record MailboxPick([property: Id(0)] long? MailboxId, [property: Id(1)] DateTimeOffset? RetryAt);
