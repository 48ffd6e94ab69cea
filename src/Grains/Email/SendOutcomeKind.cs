namespace RoleFerry.Grains.Email;

public enum SendOutcomeKind
{
    /// <summary>The server accepted the message.</summary>
    Sent,

    /// <summary>Not sent, and worth retrying later (4xx, or no connection before the message content left).</summary>
    TransientFailure,

    /// <summary>Not sent, or not known to be sent: never retried automatically.</summary>
    PermanentFailure,
}
