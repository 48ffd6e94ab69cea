namespace RoleFerry.Grains.Mailboxes;

/// <summary>A send's reservation written with its mailbox row: the row at <see cref="Version"/> becomes <see cref="State"/>.</summary>
internal sealed record ReservationWrite(long MailboxId, long Version, MailboxState State, DateTimeOffset Now, PendingReservation Reservation);
