namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// One sending mailbox (key: mailboxes.id). Enforces its daily cap (with warm-up ramp), the minimum gap between
/// sends and its health in memory; every reservation is persisted before it is granted.
/// </summary>
[Alias("RoleFerry.IMailboxGrain")]
public interface IMailboxGrain : IGrainWithIntegerKey
{
    /// <summary>Reserves one send for a sequence step, or says why not and when to try again.</summary>
    [Alias("TryReserve")]
    Task<ReservationResult> TryReserveAsync(long sequenceInstanceId, int stepNo);

    /// <summary>Gives a reserved slot back (the send did not happen, e.g. SMTP 4xx).</summary>
    [Alias("Release")]
    Task ReleaseAsync(long reservationId);

    /// <summary>A send of this mailbox bounced; health is recomputed at once.</summary>
    [Alias("RecordBounce")]
    Task RecordBounceAsync(long reservationId);

    /// <summary>A recipient reported a send of this mailbox as spam; health is recomputed at once.</summary>
    [Alias("RecordSpam")]
    Task RecordSpamAsync(long reservationId);

    [Alias("Get")]
    Task<MailboxSnapshot> GetAsync();

    /// <summary>The SMTP settings with the password decrypted, for the sender in this process only.</summary>
    [Alias("GetSmtpSettings")]
    Task<SmtpSettings> GetSmtpSettingsAsync();

    [Alias("Pause")]
    Task<MailboxSnapshot> PauseAsync(string reason);

    [Alias("Resume")]
    Task<MailboxSnapshot> ResumeAsync();

    /// <summary>Skips warm-up: the mailbox becomes active with its full daily cap.</summary>
    [Alias("Activate")]
    Task<MailboxSnapshot> ActivateAsync();

    /// <summary>The IMAP settings with the password decrypted (for this mailbox's reader only); null when RoleFerry does not read it.</summary>
    [Alias("GetImapSettings")]
    Task<ImapSettings?> GetImapSettingsAsync();

    /// <summary>
    /// Changes the mailbox's settings (PATCH /api/admin/mailboxes/{id}); a refused field is an answer, not an
    /// exception. New credentials are used from the next SMTP or IMAP connection.
    /// </summary>
    [Alias("UpdateSettings")]
    Task<MailboxUpdateResult> UpdateSettingsAsync(MailboxSettingsChange change);
}
