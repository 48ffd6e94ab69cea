namespace RoleFerry.Actors.Reminders;

internal enum ReminderEntryState
{
    /// <summary>Held in memory, waiting for its due (or retry) time.</summary>
    Queued,
    /// <summary>Its tick is being delivered.</summary>
    Firing,
    /// <summary>Its row exists but is due beyond the window; a scan brings it back. Blocks older versions.</summary>
    Parked,
    /// <summary>Completed or unregistered. Blocks rows of this version or older that a running scan may still return.</summary>
    Done,
}
