namespace RoleFerry.Grains.Mailboxes;

/// <summary>A live reservation to mark released, written with the mailbox row that gives its slot back.</summary>
public sealed record PendingRelease(long ReservationId, DateTimeOffset ReleasedAt);
