namespace RoleFerry.Grains.Inbox;

/// <summary>
/// One thing a reader did (<see cref="InboxReaderSignals"/>): <see cref="Event"/> is <c>processed</c> (one message,
/// with its <see cref="Outcome"/>, an <see cref="InboxCounters"/> name), <c>round-ended</c>, <c>round-failed</c> (with
/// <see cref="Error"/>) or <c>stopped</c>; with the checkpoint and counters after it and the reader's round number.
/// </summary>
public sealed record InboxReaderSignal(
    long MailboxId,
    string Event,
    long Round,
    long? UidValidity,
    long LastUid,
    string? Outcome,
    string? Error,
    IReadOnlyDictionary<string, long> Counters)
{
    /// <summary>Its place among all the signals of this silo (1, 2, ...): later signals have larger numbers.</summary>
    public long Number { get; init; }
}
