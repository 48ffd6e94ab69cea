namespace RoleFerry.Grains.Inbox;

/// <summary>
/// A reader's row of <c>mailbox_inbox_sync</c>: every message of the folder with <see cref="UidValidity"/> and a
/// UID up to <see cref="LastUid"/> is dealt with; <see cref="SinceFloor"/> limits a first read (or the re-read after
/// a UIDVALIDITY change) to recent mail; <see cref="NewestSeenAt"/> is the server's date of the newest message
/// dealt with; then the last round's outcome and the counters.
/// </summary>
public sealed record InboxCheckpoint(
    long? UidValidity,
    long LastUid,
    DateTimeOffset? SinceFloor,
    DateTimeOffset? NewestSeenAt,
    DateTimeOffset? LastSyncAt,
    string? LastError,
    int Failures,
    IReadOnlyDictionary<string, long> Counters)
{
    public static readonly InboxCheckpoint None = new(null, 0, null, null, null, null, 0, new Dictionary<string, long>());
}
