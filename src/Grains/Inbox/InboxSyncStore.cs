using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

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
        await using var command = db.CreateCommand(
            """
            SELECT uid_validity, last_uid, since_floor, newest_seen_at, last_sync_at, last_error, failures, counters::text
            FROM mailbox_inbox_sync WHERE mailbox_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = mailboxId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return InboxCheckpoint.None;
        }

        return new InboxCheckpoint(
            reader.IsDBNull(0) ? null : reader.GetInt64(0),
            reader.GetInt64(1),
            Time(reader, 2),
            Time(reader, 3),
            Time(reader, 4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt32(6),
            JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(7)) ?? []);
    }

    /// <summary>A new folder (first read, or a changed UIDVALIDITY): UIDs start over, only mail since the floor is read.</summary>
    public async Task StartOverAsync(long mailboxId, long uidValidity, DateTimeOffset sinceFloor, DateTimeOffset now)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO mailbox_inbox_sync (mailbox_id, uid_validity, last_uid, since_floor, updated_at)
            VALUES ($1, $2, 0, $3, $4)
            ON CONFLICT (mailbox_id) DO UPDATE
            SET uid_validity = excluded.uid_validity, last_uid = 0, since_floor = excluded.since_floor, updated_at = excluded.updated_at
            """);
        Add(command, mailboxId, uidValidity, sinceFloor, now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The message with <paramref name="uid"/> is dealt with: the checkpoint moves past it and the counters grow.</summary>
    public async Task AdvanceAsync(long mailboxId, long uidValidity, long uid, DateTimeOffset? newestSeenAt, IReadOnlyDictionary<string, long> counted, DateTimeOffset now)
    {
        await using var command = db.CreateCommand(
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
            """);
        Add(command, mailboxId, uidValidity, uid, newestSeenAt, new NpgsqlParameter { Value = JsonSerializer.Serialize(counted), NpgsqlDbType = NpgsqlDbType.Jsonb }, now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The first round under a floor read the folder to its end: the checkpoint moves to <paramref name="lastUid"/>
    /// (UIDNEXT - 1 when the round began; what lies below was read or is older than the floor) and the floor goes.
    /// </summary>
    public async Task FloorPassedAsync(long mailboxId, long uidValidity, long lastUid, DateTimeOffset now)
    {
        await using var command = db.CreateCommand(
            """
            UPDATE mailbox_inbox_sync SET last_uid = greatest(last_uid, $3), since_floor = NULL, updated_at = $4
            WHERE mailbox_id = $1 AND uid_validity = $2
            """);
        Add(command, mailboxId, uidValidity, lastUid, now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A round read the folder to its end: the sync time, no error.</summary>
    public async Task RoundEndedAsync(long mailboxId, DateTimeOffset now)
    {
        await using var command = db.CreateCommand(
            """
            UPDATE mailbox_inbox_sync SET last_sync_at = $2, last_error = NULL, last_error_at = NULL, failures = 0, updated_at = $2
            WHERE mailbox_id = $1
            """);
        Add(command, mailboxId, now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A round failed: the error and one more failure in a row.</summary>
    public async Task RoundFailedAsync(long mailboxId, string error, DateTimeOffset now)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO mailbox_inbox_sync (mailbox_id, last_error, last_error_at, failures, updated_at)
            VALUES ($1, $2, $3, 1, $3)
            ON CONFLICT (mailbox_id) DO UPDATE
            SET last_error = excluded.last_error, last_error_at = excluded.last_error_at,
                failures = mailbox_inbox_sync.failures + 1, updated_at = excluded.updated_at
            """);
        Add(command, mailboxId, error, now);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                NpgsqlParameter parameter => parameter,
                DateTimeOffset time => new NpgsqlParameter { Value = time.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);
}
