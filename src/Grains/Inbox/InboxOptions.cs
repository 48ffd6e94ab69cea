namespace RoleFerry.Grains.Inbox;

/// <summary>
/// How mailboxes are read over IMAP (configuration section <c>RoleFerry:Inbox</c>). The reader's loop waits on
/// real time (it talks to a real server): <see cref="PollInterval"/>, <see cref="IdleRefresh"/> and the back-off
/// are wall-clock durations; <see cref="KeepAlivePeriod"/> is a reminder period.
/// </summary>
public sealed class InboxOptions
{
    public const string SectionName = "RoleFerry:Inbox";

    /// <summary>Without IDLE (the server does not offer it, or <see cref="UseIdle"/> is false): how often the folder is checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait for new mail with IMAP IDLE when the server offers it.</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>With IDLE: the longest one IDLE command lasts before the folder is read again anyway (RFC 2177: under 29 min).</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>
    /// The period of the reader's keep-alive reminder: it re-activates a reader whose silo died (and restarts a loop
    /// that stopped), so it is also the longest a mailbox goes unread after a failover, plus the failover itself.
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait after a failed round (connection, login, server, database); doubles with each failure in a row.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between failed rounds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Socket and command timeout of the IMAP client.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A message larger than this is not downloaded whole: only its headers and its text part (when that is at most
    /// <see cref="MaxTextPartBytes"/>) are read, and it is counted as <c>oversized</c>.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The largest text part read from an oversized message.</summary>
    public long MaxTextPartBytes { get; set; } = 512 * 1024;

    /// <summary>Messages fetched per FETCH command.</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>On the first read of a mailbox, only messages the server received this recently are looked at.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A message that answers none of our Message-IDs matches the mailbox's latest email to its sender within this window.</summary>
    public TimeSpan RecentRecipientWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The <c>authserv-id</c>s of the receiving servers whose <c>Authentication-Results</c> are believed (the
    /// operator's own, which strip that header from incoming mail); empty: none is.
    /// </summary>
    public string[] TrustedAuthservIds { get; set; } = [];

    /// <summary>The domains whose ARC seals are believed (forwarders and list servers the operator trusts); empty: none.</summary>
    public string[] TrustedArcSealers { get; set; } = [];

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        Wait(PollInterval, nameof(PollInterval));
        Wait(IdleRefresh, nameof(IdleRefresh));
        Wait(RetryBaseDelay, nameof(RetryBaseDelay));
        Wait(MaxRetryDelay, nameof(MaxRetryDelay));
        Wait(CommandTimeout, nameof(CommandTimeout));
        if (KeepAlivePeriod <= TimeSpan.Zero || InitialLookback <= TimeSpan.Zero || RecentRecipientWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}: {nameof(KeepAlivePeriod)}, {nameof(InitialLookback)} and {nameof(RecentRecipientWindow)} must be positive.");
        }
        if (MaxRetryDelay < RetryBaseDelay)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxRetryDelay)} must be at least {nameof(RetryBaseDelay)}.");
        }

        if (MaxMessageBytes < 1024 || MaxTextPartBytes < 1024 || BatchSize < 1)
        {
            throw new InvalidOperationException($"{SectionName}: {nameof(MaxMessageBytes)} and {nameof(MaxTextPartBytes)} must be at least 1 KiB, {nameof(BatchSize)} at least 1.");
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failed rounds in a row: base, 2 × base, ... up to the maximum.</summary>
    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryBaseDelay.Ticks * (long)Math.Pow(2, Math.Clamp(failures - 1, 0, 20))));

    /// <summary>A wait of the loop (a timer or socket timeout): positive and under 24 days.</summary>
    private static void Wait(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{SectionName}:{name} must be positive and under 24 days (was {value}).");
        }
    }
}
