namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>
/// One sending mailbox (key: mailboxes.id). Enforces its daily cap (with warm-up ramp), the minimum gap between
/// sends and its health in memory; every reservation is persisted before it is granted. What the API may call;
/// the engine's grains (sequences, email events, the mailbox's reader) reserve and report through the grain's
/// second, internal interface (<c>IMailboxEngineGrain</c> in RoleFerry.Grains).
/// </summary>
[Alias("RoleFerry.IMailboxGrain")]
public interface IMailboxGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<MailboxSnapshot> GetAsync();

    [Alias("Pause")]
    Task<MailboxSnapshot> PauseAsync(string reason);

    [Alias("Resume")]
    Task<MailboxSnapshot> ResumeAsync();

    /// <summary>Skips warm-up: the mailbox becomes active with its full daily cap.</summary>
    [Alias("Activate")]
    Task<MailboxSnapshot> ActivateAsync();

    /// <summary>
    /// Changes the mailbox's settings (PATCH /api/admin/mailboxes/{id}); a refused field is an answer, not an
    /// exception. New credentials are used from the next SMTP or IMAP connection.
    /// </summary>
    [Alias("UpdateSettings")]
    Task<MailboxUpdateResult> UpdateSettingsAsync(MailboxSettingsChange change);
}
