using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace RoleFerry.Silo.Reminders;

/// <summary>
/// Orleans' ADO.NET reminder table (its rows, db/migrations/0005_orleans.sql), read and written on RoleFerry's own
/// connection pool. Orleans' provider opens a connection of its own pool per call: the sequences' activations
/// (each looks up its wake-up reminder) grew that pool to 100 connections in a burst, and Npgsql's pruning then
/// closed and reopened dozens of them at once every 5 minutes, a CPU storm of new backends (BENCHMARKS.md, section
/// 3). Two more changes:
/// <list type="bullet">
/// <item>Row reads and upserts coalesced: every sent step looks up and moves its sequence's wake-up reminder, so the
/// calls made at the same time on this silo share one statement (<see cref="ReadAllAsync"/>,
/// <see cref="UpsertAllAsync"/>, the same insert-or-bump-version as <c>UpsertReminderRowKey</c>).</item>
/// <item>A range read (the reminder service's periodic refresh) answers only the rows whose start time is within
/// <see cref="ReminderOptions.ReminderLoadingWindow"/> of now (<see cref="ReadRangeAsync"/>): the service drops
/// every other row it reads anyway, and would read all of a silo's pending sequences to do so. PostgreSQL still
/// scans the table (no index on the start time: each sent step moves its reminder's start time, and an index on it
/// would turn every one of those upserts into a non-HOT update), but returns and transfers only the few rows due
/// soon, once per refresh (every 5 minutes by default).</item>
/// </list>
/// Start-up (the provider checks its queries) and the tests' clear-all stay Orleans' own (<paramref name="inner"/>).
/// </summary>
public sealed class BatchedReminderTable : IReminderTable, IDisposable
{
    private readonly IReminderTable _inner;

    private readonly NpgsqlDataSource _db;

    private readonly string _serviceId;

    private readonly TimeProvider _clock;

    private readonly TimeSpan _loadingWindow;

    private readonly StatementCoalescer<ReminderEntry, string?> _upserts;

    private readonly StatementCoalescer<(GrainId Grain, string Name), ReminderEntry?> _reads;

    /// <summary>The range read: $1 service id, $2 horizon, $3 and $4 the range's begin and end hashes as int.</summary>
    internal const string ReadRangeSql =
        """
        SELECT grainid, remindername, starttime, period, version
          FROM orleansreminderstable
         WHERE serviceid = $1
           AND starttime <= $2
           AND CASE WHEN $3 < $4 THEN grainhash > $3 AND grainhash <= $4
                    ELSE grainhash > $3 OR grainhash <= $4 END
        """;

    public BatchedReminderTable(IReminderTable inner, NpgsqlDataSource db, IOptions<ClusterOptions> cluster, TimeProvider clock, IOptions<ReminderOptions> reminders)
    {
        _inner = inner;
        _db = db;
        _serviceId = cluster.Value.ServiceId;
        _clock = clock;
        _loadingWindow = reminders.Value.ReminderLoadingWindow;
        _upserts = new StatementCoalescer<ReminderEntry, string?>(UpsertAllAsync);
        _reads = new StatementCoalescer<(GrainId Grain, string Name), ReminderEntry?>(ReadAllAsync);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _inner.StopAsync(cancellationToken);

    /// <summary>A grain's reminders.</summary>
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var command = _db.Command(
            """
            SELECT grainid, remindername, starttime, period, version
              FROM orleansreminderstable
             WHERE serviceid = $1 AND grainid = $2
            """,
            _serviceId, grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    /// <summary>The reminders of the ring range (begin, end] that may tick within the loading window.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRangeAsync(begin, end, Horizon());

    /// <summary>One reminder, or null when there is none.</summary>
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _reads.RunAsync((grainId, reminderName));

    /// <summary>Deletes the reminder if <paramref name="eTag"/> is its current version.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!int.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        return await _db.ExecuteAsync(
            """
            DELETE FROM orleansreminderstable
             WHERE serviceid = $1 AND grainid = $2 AND remindername = $3 AND version = $4
            """,
            _serviceId, grainId.ToString(), reminderName, version) > 0;
    }

    public Task TestOnlyClearTable() => _inner.TestOnlyClearTable();

    /// <summary>Inserts (version 0) or replaces (version + 1) the reminder; its new version is its ETag.</summary>
    public Task<string?> UpsertRow(ReminderEntry entry) => _upserts.RunAsync(entry);

    public void Dispose()
    {
        _upserts.Dispose();
        _reads.Dispose();
    }

    /// <summary>One read for a batch of reminders; each one's row or null, in the order given.</summary>
    internal async Task<IReadOnlyList<ReminderEntry?>> ReadAllAsync(IReadOnlyList<(GrainId Grain, string Name)> keys)
    {
        await using var command = _db.Command(
            """
            SELECT r.grainid, r.remindername, r.starttime, r.period, r.version
              FROM unnest($2::text[], $3::text[]) AS x(grainid, remindername)
              JOIN orleansreminderstable r
                ON r.serviceid = $1 AND r.grainid = x.grainid AND r.remindername = x.remindername
            """,
            _serviceId, ArrayParameter.Of(keys, k => k.Grain.ToString()), ArrayParameter.Of(keys, k => k.Name));
        // A reminder asked for twice in one batch comes back twice; both callers get it.
        var rows = new Dictionary<(GrainId, string), ReminderEntry>();
        foreach (var entry in await ReadEntriesAsync(command))
        {
            rows[(entry.GrainId, entry.ReminderName)] = entry;
        }

        return keys.Select(k => rows.GetValueOrDefault(k)).ToList();
    }

    /// <summary>One upsert for a batch of reminders; the new version of each, in the order given.</summary>
    internal async Task<IReadOnlyList<string?>> UpsertAllAsync(IReadOnlyList<ReminderEntry> entries)
    {
        await using var command = _db.Command(
            """
            INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
            SELECT $1, x.grainid, x.remindername, x.starttime, x.period, x.grainhash, 0
            FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::int[])
                   AS x(grainid, remindername, starttime, period, grainhash)
            ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
               SET starttime = EXCLUDED.starttime, period = EXCLUDED.period, grainhash = EXCLUDED.grainhash,
                   version = r.version + 1
            RETURNING r.grainid, r.remindername, r.version
            """,
            _serviceId,
            ArrayParameter.Of(entries, e => e.GrainId.ToString()), ArrayParameter.Of(entries, e => e.ReminderName),
            ArrayParameter.Times(entries, e => new DateTimeOffset(Utc(e.StartAt))),
            ArrayParameter.Of(entries, e => (long)e.Period.TotalMilliseconds),
            ArrayParameter.Of(entries, e => (int)e.GrainId.GetUniformHashCode()));
        var versions = new Dictionary<(string GrainId, string Name), string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[(reader.GetString(0), reader.GetString(1))] = VersionTag(reader.GetInt32(2));
        }

        return entries.Select(e => versions.GetValueOrDefault((e.GrainId.ToString(), e.ReminderName))).ToList();
    }

    /// <summary>
    /// The reminders of the ring range (begin, end] that start at or before <paramref name="horizon"/>: every row
    /// whose next tick is within the horizon (a row that started already ticks again within its period, so it is
    /// always read). Hashes compare as Orleans' ADO.NET provider stores them, cast to int: the cast turns the ring,
    /// so a range that does not wrap in signed order is (begin, end], and one that does (or the whole ring, when
    /// begin = end) is (begin, max] and [min, end], as <c>ReadRangeRows1Key</c>/<c>ReadRangeRows2Key</c>.
    /// </summary>
    internal async Task<ReminderTableData> ReadRangeAsync(uint begin, uint end, DateTimeOffset horizon)
    {
        await using var command = _db.Command(ReadRangeSql, _serviceId, horizon, (int)begin, (int)end);
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    /// <summary>The rows a command answers, as (grainid, remindername, starttime, period, version).</summary>
    private static async Task<List<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command)
    {
        return await command.ReadAllAsync(reader => new ReminderEntry
        {
            GrainId = GrainId.Parse(reader.GetString(0)),
            ReminderName = reader.GetString(1),
            StartAt = reader.GetDateTime(2),
            Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
            ETag = VersionTag(reader.GetInt32(4)),
        });
    }

    /// <summary>Now plus the loading window, or the end of time when the window reaches past it.</summary>
    private DateTimeOffset Horizon()
    {
        var now = _clock.GetUtcNow();
        return _loadingWindow < DateTimeOffset.MaxValue - now ? now + _loadingWindow : DateTimeOffset.MaxValue;
    }

    /// <summary>A row's version as its ETag, as Orleans' own table writes it.</summary>
    private static string VersionTag(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Orleans' own table reads an unspecified start time as UTC, as this does.</summary>
    private static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
