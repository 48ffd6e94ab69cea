namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A <c>mailboxes</c> row as its grain holds it, plus the rows to commit with the next write
/// (<see cref="NewReservation"/>, <see cref="Release"/>, <see cref="NewHealthLog"/>): <see cref="MailboxStorage"/>
/// writes them in the same transaction as the version-checked row update, so a reservation exists if and only if
/// the counter that grants it was written.
/// </summary>
public sealed class MailboxState
{
    public string Email { get; set; } = "";

    /// <summary><c>domains.domain</c> of the row's domain_id.</summary>
    public string Domain { get; set; } = "";

    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; }

    public string SmtpUsername { get; set; } = "";

    /// <summary>The SMTP password as <see cref="Security.SecretProtector"/> encrypted it.</summary>
    public byte[] SmtpPasswordEncrypted { get; set; } = [];

    public bool UseTls { get; set; }

    /// <summary>Where RoleFerry reads the mailbox over IMAP; null when it does not (then the other IMAP fields are unset too).</summary>
    public string? ImapHost { get; set; }

    public int? ImapPort { get; set; }

    public string? ImapUsername { get; set; }

    /// <summary>The IMAP password as <see cref="Security.SecretProtector"/> encrypted it.</summary>
    public byte[]? ImapPasswordEncrypted { get; set; }

    public bool ImapUseTls { get; set; }

    public int DailyCap { get; set; }

    public bool WarmupEnabled { get; set; }

    public DateTimeOffset? WarmupStartedAt { get; set; }

    public int MinGapSeconds { get; set; }

    public string Status { get; set; } = MailboxStatuses.Warmup;

    public int HealthScore { get; set; } = 100;

    /// <summary>Sends reserved on <see cref="SentDay"/>; on load, recounted from the live reservations of today.</summary>
    public int SentToday { get; set; }

    public DateOnly SentDay { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    public string? PausedReason { get; set; }

    public DateTimeOffset? HealthCheckedAt { get; set; }

    /// <summary>A reservation row to insert with the next write; its id is set once written.</summary>
    public PendingReservation? NewReservation { get; set; }

    /// <summary>A reservation to mark released with the next write.</summary>
    public PendingRelease? Release { get; set; }

    /// <summary>A health log row to insert with the next write.</summary>
    public PendingHealthLog? NewHealthLog { get; set; }

    /// <summary>A copy to change and write; the pending rows are not copied.</summary>
    public MailboxState Copy()
    {
        var copy = (MailboxState)MemberwiseClone();
        copy.ClearPending();
        return copy;
    }

    public void ClearPending()
    {
        NewReservation = null;
        Release = null;
        NewHealthLog = null;
    }

    public MailboxFacts ToFacts(TimeSpan gapJitter) => new(
        Status,
        PausedReason,
        HealthScore,
        DailyCap,
        WarmupEnabled,
        WarmupStartedAt,
        SentToday,
        LastSentAt,
        TimeSpan.FromSeconds(MinGapSeconds) + gapJitter);
}
