namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The mailbox grain's second interface, kept out of the contracts on purpose: the calls the engine's grains make
/// (a sequence reserves a send and gets the SMTP credentials, an email event reports a bounce or a spam report, the
/// mailbox's reader gets the IMAP credentials), which the API must never make. Credentials come back decrypted.
/// </summary>
[Alias("RoleFerry.IMailboxEngineGrain")]
internal interface IMailboxEngineGrain : IGrainWithIntegerKey
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

    /// <summary>
    /// The mailbox's SMTP server did not log it in (<paramref name="error"/>): shown as its last send error; the third
    /// such refusal pauses it and notifies the admins.
    /// </summary>
    [Alias("RecordLoginRefused")]
    Task RecordLoginRefusedAsync(string error);

    /// <summary>The SMTP settings, the password sealed: the sender decrypts it where it connects.</summary>
    [Alias("GetSmtpSettings")]
    Task<SmtpSettings> GetSmtpSettingsAsync();

    /// <summary>The IMAP settings, the password sealed (for this mailbox's reader only); null when RoleFerry does not read it.</summary>
    [Alias("GetImapSettings")]
    Task<ImapSettings?> GetImapSettingsAsync();
}
