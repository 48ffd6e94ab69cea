namespace RoleFerry.Grains.Email;

public enum SendOutcomeKind
{
    /// <summary>The server accepted the message.</summary>
    Sent,

    /// <summary>Not sent, and worth retrying later (4xx, or no connection before the message content left).</summary>
    TransientFailure,

    /// <summary>Not sent, or not known to be sent: never retried automatically.</summary>
    PermanentFailure,

    /// <summary>
    /// Not sent because the mailbox's server cannot or will not log it in (credentials refused, no AUTH offered,
    /// authentication required): a configuration error of the mailbox, not a fault of the step, which waits for a
    /// mailbox that can send (this one pauses after a few such failures).
    /// </summary>
    MailboxRefused,
}
