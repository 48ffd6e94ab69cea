using System.Text.Json;
using Npgsql;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The SQL of a reader's checkpoint (<c>mailbox_inbox_sync</c>, one row per mailbox, written by its reader grain
/// only): load it, move it past a message (counters added in the same statement), start over after a UIDVALIDITY
/// change, record a round's end or failure.
/// </summary>
public sealed class InboxSyncStore(NpgsqlDataSource db)
{
    public async Task<InboxCheckpoint> LoadAsync(long mailboxId)
    {
        await using var command = db.Command(
            """
            SELECT uid_validity, last_uid, since_floor, newest_seen_at, last_sync_at, last_error, failures, counters::text
            FROM mailbox_inbox_sync WHERE mailbox_id = $1
            """,
            mailboxId);
        return await command.ReadFirstAsync(reader => new InboxCheckpoint(
            reader.GetOrNull<long>(0),
            reader.GetInt64(1),
            reader.GetTimeOrNull(2),
            reader.GetTimeOrNull(3),
            reader.GetTimeOrNull(4),
            reader.GetStringOrNull(5),
            reader.GetInt32(6),
            JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(7)) ?? [])) ?? InboxCheckpoint.None;
    }

    /// <summary>A new folder (first read, or a changed UIDVALIDITY): UIDs start over, only mail since the floor is read.</summary>
    public Task StartOverAsync(long mailboxId, long uidValidity, DateTimeOffset sinceFloor, DateTimeOffset now) => db.ExecuteAsync(
        """
        INSERT INTO mailbox_inbox_sync (mailbox_id, uid_validity, last_uid, since_floor, updated_at)
        VALUES ($1, $2, 0, $3, $4)
        ON CONFLICT (mailbox_id) DO UPDATE
        SET uid_validity = excluded.uid_validity, last_uid = 0, since_floor = excluded.since_floor, updated_at = excluded.updated_at
        """,
        mailboxId, uidValidity, sinceFloor, now);

    /// <summary>The message with <paramref name="uid"/> is dealt with: the checkpoint moves past it and the counters grow.</summary>
    public Task AdvanceAsync(long mailboxId, long uidValidity, long uid, DateTimeOffset? newestSeenAt, IReadOnlyDictionary<string, long> counted, DateTimeOffset now) => db.ExecuteAsync(
        """
        UPDATE mailbox_inbox_sync
        SET last_uid = greatest(last_uid, $3),
            newest_seen_at = CASE WHEN $4::timestamptz IS NULL THEN newest_seen_at ELSE greatest(newest_seen_at, $4) END,
            counters = (SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
                        FROM (SELECT key, sum(value::bigint) AS total
                              FROM (SELECT key, value FROM jsonb_each_text(counters)
                                    UNION ALL SELECT key, value FROM jsonb_each_text($5::jsonb)) AS both_counts
                              GROUP BY key) AS sums),
            updated_at = $6
        WHERE mailbox_id = $1 AND uid_validity = $2
        """,
        mailboxId, uidValidity, uid, Sql.Time(newestSeenAt), Sql.Jsonb(JsonSerializer.Serialize(counted)), now);

    /// <summary>
    /// The first round under a floor read the folder to its end: the checkpoint moves to <paramref name="lastUid"/>
    /// (UIDNEXT - 1 when the round began; what lies below was read or is older than the floor) and the floor goes.
    /// </summary>
    public Task FloorPassedAsync(long mailboxId, long uidValidity, long lastUid, DateTimeOffset now) => db.ExecuteAsync(
        """
        UPDATE mailbox_inbox_sync SET last_uid = greatest(last_uid, $3), since_floor = NULL, updated_at = $4
        WHERE mailbox_id = $1 AND uid_validity = $2
        """,
        mailboxId, uidValidity, lastUid, now);

    /// <summary>A round read the folder to its end: the sync time, no error.</summary>
    public Task RoundEndedAsync(long mailboxId, DateTimeOffset now) => db.ExecuteAsync(
        """
        UPDATE mailbox_inbox_sync SET last_sync_at = $2, last_error = NULL, last_error_at = NULL, failures = 0, updated_at = $2
        WHERE mailbox_id = $1
        """,
        mailboxId, now);

    /// <summary>A round failed: the error and one more failure in a row.</summary>
    public Task RoundFailedAsync(long mailboxId, string error, DateTimeOffset now) => db.ExecuteAsync(
        """
        INSERT INTO mailbox_inbox_sync (mailbox_id, last_error, last_error_at, failures, updated_at)
        VALUES ($1, $2, $3, 1, $3)
        ON CONFLICT (mailbox_id) DO UPDATE
        SET last_error = excluded.last_error, last_error_at = excluded.last_error_at,
            failures = mailbox_inbox_sync.failures + 1, updated_at = excluded.updated_at
        """,
        mailboxId, error, now);
}
