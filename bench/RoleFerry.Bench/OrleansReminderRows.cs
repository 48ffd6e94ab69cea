using Npgsql;
using RoleFerry.Silo.Hosting;

namespace RoleFerry.Bench;

/// <summary>
/// Rows of Orleans' ADO.NET reminder table (<c>orleansreminderstable</c>, db/migrations/0005_orleans.sql) written
/// straight into the database before a silo starts, set-based (unnest of arrays, 100,000 rows per statement), with
/// the values Orleans' own <c>UpsertReminderRowKey</c> call would write: the service id, <c>GrainId.ToString()</c>
/// of the grain, the reminder name, the first tick, the period in milliseconds, <c>(int)GrainId.GetUniformHashCode()</c>
/// (what the provider's ring-range reads select on) and version 0.
/// </summary>
public static class OrleansReminderRows
{
    private const int Batch = 100_000;

    /// <summary>The service id of a silo with the default <see cref="ClusterSettings"/> (the bench silos').</summary>
    public static string ServiceId => new ClusterSettings().ServiceId;

    /// <summary>The grain id of an integer-keyed grain of type <paramref name="grainType"/>, as Orleans forms it.</summary>
    public static GrainId IntegerKeyed(string grainType, long key) =>
        GrainId.Create(GrainType.Create(grainType), GrainIdKeyExtensions.CreateIntegerKey(key));

    /// <summary>One reminder <paramref name="name"/> of period <paramref name="period"/> per key, first tick at the key's start time (UTC).</summary>
    public static async Task InsertAsync(
        NpgsqlDataSource dataSource, string grainType, string name, TimeSpan period, IReadOnlyList<long> keys, IReadOnlyList<DateTime> startAt)
    {
        if (keys.Count != startAt.Count)
        {
            throw new ArgumentException("One start time per key.", nameof(startAt));
        }

        for (var offset = 0; offset < keys.Count; offset += Batch)
        {
            var n = Math.Min(Batch, keys.Count - offset);
            var ids = new string[n];
            var hashes = new int[n];
            var starts = new DateTime[n];
            for (var i = 0; i < n; i++)
            {
                var grain = IntegerKeyed(grainType, keys[offset + i]);
                ids[i] = grain.ToString();
                hashes[i] = unchecked((int)grain.GetUniformHashCode());
                starts[i] = startAt[offset + i];
            }

            await using var command = dataSource.CreateCommand(
                StatementCounter.Mark + """
                INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
                SELECT $1, g, $2, s, $3, h, 0 FROM unnest($4::text[], $5::int[], $6::timestamptz[]) AS t(g, h, s)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)period.TotalMilliseconds });
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            command.Parameters.Add(new NpgsqlParameter { Value = hashes });
            command.Parameters.Add(new NpgsqlParameter { Value = starts });
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary><paramref name="time"/> truncated to whole milliseconds, the precision of the table's starttime column.</summary>
    public static DateTime ToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
