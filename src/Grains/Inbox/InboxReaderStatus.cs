namespace RoleFerry.Grains.Inbox;

/// <summary>A reader's checkpoint and health: what GET /api/admin/mailboxes shows, and more.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboxReaderStatus")]
public sealed record InboxReaderStatus(
    [property: Id(0)] bool Reading,
    [property: Id(1)] long? UidValidity,
    [property: Id(2)] long LastUid,
    [property: Id(3)] DateTimeOffset? LastSyncAt,
    [property: Id(4)] string? Error,
    [property: Id(5)] int Failures,
    [property: Id(6)] IReadOnlyDictionary<string, long> Counters);
