namespace RoleFerry.Grains.Mailboxes;

/// <summary>What stamping an outcome (sent, bounce, spam) on a reservation did.</summary>
public enum ReservationStamp
{
    /// <summary>No reservation with that id belongs to the mailbox.</summary>
    NotFound,

    /// <summary>The outcome is now recorded.</summary>
    Stamped,

    /// <summary>The outcome was recorded before (a repeated event); nothing changed.</summary>
    AlreadyStamped,
}
