using RoleFerry.Grains.Mailboxes;
using System.Diagnostics;
using Npgsql;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Bench;

/// <summary>
/// (1) Mailbox reservation. <see cref="Reservations"/> reservations are made by C concurrent senders over M mailboxes
/// whose caps add up to exactly that many (cap = reservations ÷ M), so every run ends with every mailbox at its cap.
/// RoleFerry: the product's path for a first step (IMailboxPoolEngineGrain.PickAsync, then IMailboxEngineGrain.TryReserveAsync, another pick on a
/// refusal), each grant a committed mailbox_reservations row. Baseline: the seed's "Select Available Mailbox" SQL,
/// SELECT ... FOR UPDATE SKIP LOCKED + UPDATE sent_today in one transaction, one connection per sender, on a fresh
/// copy of the same database on the same PostgreSQL. After each run: no mailbox over its cap (counter and, for
/// RoleFerry, live reservation rows), and further attempts are all refused.
/// </summary>
public sealed class MailboxReservationBench(BenchDatabase databases, ResultTable table, int reservations)
{
    private const string Section = "1 mailbox reservation";
    private const string Baseline = "seed SQL: SELECT … FOR UPDATE SKIP LOCKED + UPDATE sent_today, 1 tx";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public int Reservations => reservations;

    /// <summary>Extra sequence instances used by the over-the-cap attempts after a run.</summary>
    public const int OverflowAttempts = 100;

    public async Task RunAsync(int mailboxes, int senders)
    {
        var cap = reservations / mailboxes;
        var caseName = $"{senders} senders, {mailboxes} mailboxes (cap {cap})";
        Console.WriteLine($"mailbox reservation: {caseName}");
        var grain = await GrainRunAsync(mailboxes, senders, cap);
        var sql = await SqlRunAsync(mailboxes, senders, cap);
        table.Add(new ResultRow(Section, caseName, "reservations/s", "1/s", grain.Rate, sql.Rate, Baseline));
        table.Add(new ResultRow(Section, caseName, "latency p50", "ms", grain.Latencies.PercentileMicros(50) / 1000, sql.Latencies.PercentileMicros(50) / 1000, Baseline));
        table.Add(new ResultRow(Section, caseName, "latency p99", "ms", grain.Latencies.PercentileMicros(99) / 1000, sql.Latencies.PercentileMicros(99) / 1000, Baseline));
        table.Note($"{Section}, {caseName}: RoleFerry {grain.Check}, {grain.Retries} refused picks retried; "
                   + $"baseline {sql.Check}, {sql.Retries} empty SKIP LOCKED selects retried.");
    }

    private async Task<RunResult> GrainRunAsync(int mailboxCount, int senders, int cap)
    {
        var connectionString = await databases.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(connectionString, maxPoolSize: Math.Max(100, senders + 20));
        await InsertMailboxesAsync(silo.DataSource, mailboxCount, cap);
        var pool = silo.Grains.GetGrain<IMailboxPoolEngineGrain>(IMailboxPoolGrain.PlatformKey);
        // Activates the pool, which activates every mailbox (state loaded, health reminder registered): warm, as in a running silo.
        var ids = (await silo.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).ListAsync()).Select(m => m.Id).ToList();
        if (ids.Count != mailboxCount)
        {
            throw new InvalidOperationException($"The pool lists {ids.Count} mailboxes, expected {mailboxCount}.");
        }

        var instances = await InstanceIdsAsync(silo.DataSource);
        var latencies = new Latencies();
        long issued = 0, retries = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            long ticket;
            while ((ticket = Interlocked.Increment(ref issued)) <= reservations)
            {
                var instanceId = instances[ticket - 1];
                var before = Stopwatch.GetTimestamp();
                var excluded = new List<long>();
                while (true)
                {
                    ThrowIfPastDeadline(started);
                    var pick = await pool.PickAsync(excluded);
                    if (pick.MailboxId is not long candidate)
                    {
                        // The pool's view lags the mailboxes' one-way reports; capacity is left (tickets = capacity).
                        Interlocked.Increment(ref retries);
                        excluded.Clear();
                        await Task.Yield();
                        continue;
                    }

                    var result = await silo.Grains.GetGrain<IMailboxEngineGrain>(candidate).TryReserveAsync(instanceId, 1);
                    if (result.Granted)
                    {
                        break;
                    }

                    Interlocked.Increment(ref retries);
                    excluded.Add(candidate);
                }

                latencies.Add(Stopwatch.GetTimestamp() - before);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Over the cap: every mailbox, asked directly (not through the pool's hint), must refuse.
        var overflowGranted = 0;
        for (var i = 0; i < OverflowAttempts; i++)
        {
            var result = await silo.Grains.GetGrain<IMailboxEngineGrain>(ids[i % ids.Count]).TryReserveAsync(instances[reservations + i], 1);
            overflowGranted += result.Granted ? 1 : 0;
        }

        var check = await CheckAsync(silo.DataSource, withReservationRows: true);
        return new RunResult(reservations / elapsed.TotalSeconds, latencies, retries,
            check.Describe(mailboxCount, reservations, overflowGranted));
    }

    private async Task<RunResult> SqlRunAsync(int mailboxCount, int senders, int cap)
    {
        var connectionString = await databases.CreateAsync();
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(100, senders + 20) }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(pooled);
        await InsertMailboxesAsync(dataSource, mailboxCount, cap);

        var latencies = new Latencies();
        long issued = 0, retries = 0;
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < senders; i++)
        {
            connections.Add(await dataSource.OpenConnectionAsync());
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(connections.Select(connection => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref issued) <= reservations)
            {
                var before = Stopwatch.GetTimestamp();
                while (true)
                {
                    ThrowIfPastDeadline(started);
                    if (await TrySelectAndCountAsync(connection) is not null)
                    {
                        break;
                    }

                    Interlocked.Increment(ref retries);
                    await Task.Yield();
                }

                latencies.Add(Stopwatch.GetTimestamp() - before);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var overflowGranted = 0;
        for (var i = 0; i < OverflowAttempts; i++)
        {
            overflowGranted += await TrySelectAndCountAsync(connections[0]) is null ? 0 : 1;
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        var check = await CheckAsync(dataSource, withReservationRows: false);
        return new RunResult(reservations / elapsed.TotalSeconds, latencies, retries,
            check.Describe(mailboxCount, reservations, overflowGranted));
    }

    /// <summary>
    /// The mailboxes of a run, active (no warm-up), health 100, no minimum gap, the given daily cap: the same rows
    /// for both paths, inserted as the pool's MailboxDirectory inserts them (password ciphertext is never read here).
    /// </summary>
    private static async Task InsertMailboxesAsync(NpgsqlDataSource dataSource, int mailboxCount, int cap)
    {
        await using var insert = dataSource.CreateCommand(
            """
            WITH d AS (INSERT INTO domains (domain) VALUES ('mail.roleferry.bench') RETURNING id)
            INSERT INTO mailboxes (email, domain_id, smtp_host, smtp_port, smtp_username, smtp_password_encrypted,
                                   daily_cap, warmup_enabled, status)
            SELECT 'sender' || g || '@mail.roleferry.bench', d.id, 'smtp.roleferry.bench', 587,
                   'sender' || g || '@mail.roleferry.bench', '\x00'::bytea, $2, false, 'active'
            FROM d, generate_series(0, $1 - 1) AS g
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = mailboxCount });
        insert.Parameters.Add(new NpgsqlParameter { Value = cap });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The seed's "Select Available Mailbox" and its counter update, in one transaction. Null: no row free.</summary>
    private static async Task<long?> TrySelectAndCountAsync(NpgsqlConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        long? id;
        await using (var select = new NpgsqlCommand(
            """
            SELECT id FROM mailboxes
            WHERE status = 'active' AND sent_today < daily_cap
            ORDER BY sent_today
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            id = await select.ExecuteScalarAsync() as long?;
        }

        if (id is null)
        {
            await transaction.RollbackAsync();
            return null;
        }

        await using (var update = new NpgsqlCommand("UPDATE mailboxes SET sent_today = sent_today + 1 WHERE id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = id.Value });
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return id;
    }

    private async Task<long[]> InstanceIdsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM sequence_instances ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        if (ids.Count < reservations + OverflowAttempts)
        {
            throw new InvalidOperationException($"The template holds {ids.Count} sequence instances; {reservations + OverflowAttempts} are needed.");
        }

        return ids.ToArray();
    }

    private static async Task<CapCheck> CheckAsync(NpgsqlDataSource dataSource, bool withReservationRows)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FILTER (WHERE m.sent_today > m.daily_cap),
                   count(*) FILTER (WHERE r.live > m.daily_cap),
                   coalesce(sum(m.sent_today), 0),
                   coalesce(sum(r.live), 0)
            FROM mailboxes m
            LEFT JOIN LATERAL (
                SELECT count(*) AS live FROM mailbox_reservations x WHERE x.mailbox_id = m.id AND NOT x.released) r ON true
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new CapCheck(reader.GetInt64(0), withReservationRows ? reader.GetInt64(1) : null, reader.GetInt64(2),
            withReservationRows ? reader.GetInt64(3) : null);
    }

    private static void ThrowIfPastDeadline(long started)
    {
        if (Stopwatch.GetElapsedTime(started) > Deadline)
        {
            throw new TimeoutException($"The reservation run took longer than {Deadline}; capacity left unused?");
        }
    }

    private sealed record RunResult(double Rate, Latencies Latencies, long Retries, string Check);

    private sealed record CapCheck(long OverCapByCounter, long? OverCapByRows, long SentTotal, long? LiveRows)
    {
        public string Describe(int mailboxes, long expected, int overflowGranted)
        {
            var ok = OverCapByCounter == 0 && (OverCapByRows ?? 0) == 0 && SentTotal == expected
                     && (LiveRows ?? expected) == expected && overflowGranted == 0;
            if (!ok)
            {
                throw new InvalidOperationException(
                    $"Cap check FAILED: {OverCapByCounter} of {mailboxes} mailboxes over cap by sent_today, {OverCapByRows} by live reservation rows, "
                    + $"sent_today total {SentTotal} (expected {expected}), live rows {LiveRows}, {overflowGranted} of {OverflowAttempts} over-cap attempts granted");
            }

            return $"cap check OK (0 of {mailboxes} mailboxes over cap, sent_today total {SentTotal}"
                   + (LiveRows is { } rows ? $", live reservation rows {rows}" : "")
                   + $", {OverflowAttempts} attempts after the run all refused)";
        }
    }
}
