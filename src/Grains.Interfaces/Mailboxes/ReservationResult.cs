namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// The answer to a reservation: granted with its id, or refused with the reason and the earliest time the
/// mailbox may be eligible again (null when only an operator can change that, e.g. paused).
/// </summary>
public sealed record ReservationResult(bool Granted, long ReservationId, DateTimeOffset? RetryAt, string? Reason)
{
    public static ReservationResult Grant(long reservationId) => new(true, reservationId, null, null);

    public static ReservationResult Refuse(string reason, DateTimeOffset? retryAt) => new(false, 0, retryAt, reason);
}
