namespace RoleFerry.Grains.Telemetry;

/// <summary>The values of the <c>failure.kind</c> tag of <c>roleferry.emails.send_failures</c>.</summary>
public static class SendFailureKinds
{
    /// <summary>SMTP 4xx or no connection before the content left: retried with backoff (or given up after the last attempt).</summary>
    public const string Transient = "transient";

    /// <summary>SMTP 5xx other than a rejected recipient: the step fails.</summary>
    public const string Permanent = "permanent";

    /// <summary>The server rejected the recipient address itself (5.1.1-style): the sequence stops as bounced.</summary>
    public const string HardBounce = "hard_bounce";

    /// <summary>
    /// The message may have left (the connection failed after its content started, or a silo crashed between the
    /// claim and the SMTP answer): failed and never resent.
    /// </summary>
    public const string OutcomeUnknown = "outcome_unknown";

    /// <summary>The mailbox's server did not log it in: the step waits, the mailbox pauses after a few.</summary>
    public const string MailboxRefused = "mailbox_refused";
}
