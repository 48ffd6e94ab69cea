using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using RoleFerry.Grains.Batching;

namespace RoleFerry.Silo.Reminders;

/// <summary>
/// Orleans' ADO.NET reminder table with its upserts coalesced: every sent step moves its sequence's wake-up
/// reminder, so the upserts of reminders registered at the same time on this silo share one statement
/// (<see cref="UpsertAllAsync"/>, the same insert-or-bump-version as the table's <c>UpsertReminderRowKey</c> in
/// db/migrations/0005_orleans.sql, on RoleFerry's own connection pool). Reads, removals and start-up are Orleans'
/// own (<paramref name="inner"/>).
/// </summary>
public sealed class BatchedReminderTable : IReminderTable, IDisposable
{
    private readonly IReminderTable _inner;

    private readonly NpgsqlDataSource _db;

    private readonly string _serviceId;

    private readonly StatementCoalescer<ReminderEntry, string?> _upserts;

    public BatchedReminderTable(IReminderTable inner, NpgsqlDataSource db, IOptions<ClusterOptions> cluster)
    {
        _inner = inner;
        _db = db;
        _serviceId = cluster.Value.ServiceId;
        _upserts = new StatementCoalescer<ReminderEntry, string?>(UpsertAllAsync);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => _inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => _inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _inner.ReadRow(grainId, reminderName);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => _inner.RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => _inner.TestOnlyClearTable();

    /// <summary>Inserts (version 0) or replaces (version + 1) the reminder; its new version is its ETag.</summary>
    public Task<string?> UpsertRow(ReminderEntry entry) => _upserts.RunAsync(entry);

    public void Dispose() => _upserts.Dispose();

    /// <summary>One upsert for a batch of reminders; the new version of each, in the order given.</summary>
    internal async Task<IReadOnlyList<string?>> UpsertAllAsync(IReadOnlyList<ReminderEntry> entries)
    {
        await using var command = _db.CreateCommand(
            """
            INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
            SELECT $1, x.grainid, x.remindername, x.starttime, x.period, x.grainhash, 0
            FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::int[])
                   AS x(grainid, remindername, starttime, period, grainhash)
            ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
               SET starttime = EXCLUDED.starttime, period = EXCLUDED.period, grainhash = EXCLUDED.grainhash,
                   version = r.version + 1
            RETURNING r.grainid, r.remindername, r.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
        command.Parameters.AddRange(new[]
        {
            ArrayParameter.Of(entries, e => e.GrainId.ToString()), ArrayParameter.Of(entries, e => e.ReminderName),
            ArrayParameter.Times(entries, e => new DateTimeOffset(Utc(e.StartAt))),
            ArrayParameter.Of(entries, e => (long)e.Period.TotalMilliseconds),
            ArrayParameter.Of(entries, e => (int)e.GrainId.GetUniformHashCode()),
        });
        var versions = new Dictionary<(string GrainId, string Name), string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return entries.Select(e => versions.GetValueOrDefault((e.GrainId.ToString(), e.ReminderName))).ToList();
    }

    /// <summary>Orleans' own table reads an unspecified start time as UTC, as this does.</summary>
    private static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
