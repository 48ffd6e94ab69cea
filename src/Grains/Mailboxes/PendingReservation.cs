namespace RoleFerry.Grains.Mailboxes;

/// <summary>A <c>mailbox_reservations</c> row written with the mailbox row; <see cref="Id"/> is set once it is.</summary>
public sealed class PendingReservation(DateOnly day, DateTimeOffset reservedAt, long sequenceInstanceId, int stepNo)
{
    public DateOnly Day { get; } = day;

    public DateTimeOffset ReservedAt { get; } = reservedAt;

    public long SequenceInstanceId { get; } = sequenceInstanceId;

    public int StepNo { get; } = stepNo;

    public long Id { get; set; }
}
