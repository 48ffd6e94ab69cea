using Orleans.Concurrency;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Reads one mailbox over IMAP (key: mailboxes.id): one reader per mailbox in the cluster. Its activation owns a
/// background loop that holds the IMAP connection (IDLE when the server offers it, else polling) and hands every
/// new message to the grain, which matches, classifies and applies it and moves the UID checkpoint. A reminder
/// keeps it alive (and brings it back on another silo after a failover).
/// Call direction: the reader awaits mailboxes and email-event grains; mailboxes only call it one way.
/// </summary>
[Alias("RoleFerry.IMailboxReaderGrain")]
internal interface IMailboxReaderGrain : IGrainWithIntegerKey
{
    /// <summary>Starts reading when the mailbox has IMAP settings (idempotent); a reader without them stops.</summary>
    [OneWay]
    [Alias("EnsureStarted")]
    Task EnsureStartedAsync();

    /// <summary>The mailbox's settings changed: the next connection uses them (the current one is dropped).</summary>
    [OneWay]
    [Alias("SettingsChanged")]
    Task SettingsChangedAsync();

    [Alias("GetStatus")]
    Task<InboxReaderStatus> GetStatusAsync();

    /// <summary>The loop opened the folder: where to read from (its UIDVALIDITY decides whether the checkpoint holds).</summary>
    [Alias("BeginRound")]
    Task<InboxRoundPlan> BeginRoundAsync(long uidValidity);

    /// <summary>The loop read (or could not read) one message; the checkpoint moves past it once it is dealt with.</summary>
    [Alias("Process")]
    Task ProcessAsync(InboxMessageRead read);

    /// <summary>
    /// The loop read the folder to its end (<paramref name="uidNextAtStart"/>: the folder's UIDNEXT when the round
    /// began): the sync is recorded, the error cleared, pending relays sent.
    /// </summary>
    [Alias("EndRound")]
    Task EndRoundAsync(long uidValidity, long? uidNextAtStart);

    /// <summary>The loop's round failed (connection, login, server, database): recorded; returns how long to back off.</summary>
    [Alias("RoundFailed")]
    Task<TimeSpan> RoundFailedAsync(string error);

    /// <summary>The loop found the mailbox without IMAP settings: the reader stops.</summary>
    [Alias("StopReading")]
    Task StopReadingAsync();
}
