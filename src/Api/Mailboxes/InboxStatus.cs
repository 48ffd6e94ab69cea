namespace RoleFerry.Api.Mailboxes;

/// <summary>How reading a mailbox over IMAP goes: the last complete read, the last error (null once a read succeeds), the message counters.</summary>
public sealed record InboxStatus(DateTimeOffset? LastSyncAt, string? Error, IReadOnlyDictionary<string, long> Counters);
