namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The answer to a reservation: granted with its id, or refused with the reason and the earliest time the
/// mailbox may be eligible again (null when only an operator can change that, e.g. paused).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.ReservationResult")]
public sealed record ReservationResult(
    [property: Id(0)] bool Granted,
    [property: Id(1)] long ReservationId,
    [property: Id(2)] DateTimeOffset? RetryAt,
    [property: Id(3)] string? Reason)
{
    public static ReservationResult Grant(long reservationId) => new(true, reservationId, null, null);

    public static ReservationResult Refuse(string reason, DateTimeOffset? retryAt) => new(false, 0, retryAt, reason);
}
