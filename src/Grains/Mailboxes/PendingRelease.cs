namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A live reservation to mark released, written with the mailbox row that gives its slot back or carries its step
/// over to today; <see cref="MailboxId"/> holds it (another mailbox's for an abandoned reservation of an earlier day).
/// </summary>
public sealed record PendingRelease(long ReservationId, long MailboxId, DateTimeOffset ReleasedAt);
