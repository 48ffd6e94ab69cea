namespace RoleFerry.Grains.Mailboxes;

/// <summary>A <c>mailbox_reservations</c> row as the mailbox grain needs it.</summary>
public sealed record MailboxReservation(long Id, long MailboxId, DateOnly Day, bool Released, DateTimeOffset? SentAt);
