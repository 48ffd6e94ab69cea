namespace RoleFerry.Grains.Sequences;

/// <summary>A reserved mailbox for one step, or none with the earliest time to try again.</summary>
internal sealed record MailboxReservation(long? MailboxId, long ReservationId, DateTimeOffset? RetryAt);
