using System.Text.Json;
using Npgsql;

namespace RoleFerry.Api.Mailboxes;

/// <summary>The readers' status of some mailboxes (<c>mailbox_inbox_sync</c>, written by the mailbox reader grains).</summary>
public static class InboxStatusQuery
{
    public static async Task<IReadOnlyDictionary<long, InboxStatus>> ReadAsync(NpgsqlDataSource db, IReadOnlyList<long> mailboxIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mailboxIds);
        var statuses = new Dictionary<long, InboxStatus>();
        if (mailboxIds.Count == 0)
        {
            return statuses;
        }

        await using var command = db.Command(
            "SELECT mailbox_id, last_sync_at, last_error, counters::text FROM mailbox_inbox_sync WHERE mailbox_id = ANY($1)",
            Sql.BigintArray(mailboxIds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            statuses[reader.GetInt64(0)] = new InboxStatus(
                reader.GetTimeOrNull(1),
                reader.GetStringOrNull(2),
                JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(3)) ?? []);
        }

        return statuses;
    }
}
