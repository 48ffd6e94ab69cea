namespace RoleFerry.Actors.Reminders;

/// <summary>What this silo knows of one reminder version. Guarded by the reminder service's lock.</summary>
internal sealed class ReminderEntry(ReminderRow row, ReminderEntryState state)
{
    public ReminderRow Row { get; } = row;

    public ReminderEntryState State { get; set; } = state;

    public int FailedAttempts { get; set; }

    /// <summary>For Parked and Done entries: the scan sequence number current when they got that state.</summary>
    public long StampedInScan { get; set; }

    public (GrainId, string) Key => (Row.GrainId, Row.Name);
}
