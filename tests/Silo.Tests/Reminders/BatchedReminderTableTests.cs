using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using RoleFerry.Silo.Reminders;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Reminders;

/// <summary>Reminder upserts in one statement, read back and removed through Orleans' own ADO.NET table.</summary>
public sealed class BatchedReminderTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_inserts_or_replaces_each_reminder_with_the_versions_Orleans_reads_back()
    {
        using var clock = new TestClock(Now);
        await using var cluster = await StartAsync(clock);
        var table = Table(cluster);
        var (a, b) = (GrainId.Create("sequence", "910001"), GrainId.Create("sequence", "910002"));
        var day = new DateTime(2026, 11, 5, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal("0", await table.UpsertRow(Entry(a, day, TimeSpan.FromMinutes(1))));

        var versions = await table.UpsertAllAsync([Entry(a, day.AddDays(2), TimeSpan.FromMinutes(5)), Entry(b, day, TimeSpan.FromMinutes(1))]);

        Assert.Equal(["1", "0"], versions);
        var movedA = await table.ReadRow(a, "wake-up");
        Assert.Equal(("1", day.AddDays(2), TimeSpan.FromMinutes(5)), (movedA!.ETag, movedA.StartAt.ToUniversalTime(), movedA.Period));
        Assert.True(await table.RemoveRow(b, "wake-up", versions[1]!));
        Assert.Null(await table.ReadRow(b, "wake-up"));
    }

    [Fact]
    public async Task A_range_read_answers_the_rows_of_the_ring_range_that_start_before_the_horizon()
    {
        using var clock = new TestClock(Now);
        await using var cluster = await StartAsync(clock);
        var table = Table(cluster);
        var horizon = Now.AddMinutes(10); // the table keeps milliseconds
        var starts = new[] { Now.AddDays(-1), Now, Now.AddMinutes(10), Now.AddMinutes(10).AddMilliseconds(1), Now.AddDays(2) };
        var entries = Enumerable.Range(0, 300)
            .Select(i => Entry(GrainId.Create("sequence", $"92{i:0000}"), starts[i % starts.Length].UtcDateTime, TimeSpan.FromMinutes(1)))
            .ToList();
        await table.UpsertAllAsync(entries);
        var ours = entries.Select(e => e.GrainId).ToHashSet();

        foreach (var (begin, end) in new (uint, uint)[] { (0, 0), (0x4000_0000, 0xC000_0000), (0xC000_0000, 0x4000_0000), (0x1000_0000, 0x3000_0000), (0xF000_0000, 0xFFFF_FFFF) })
        {
            var read = await table.ReadRangeAsync(begin, end, horizon);

            var expected = entries
                .Where(e => InRing(e.GrainId.GetUniformHashCode(), begin, end) && e.StartAt <= horizon.UtcDateTime)
                .Select(e => e.GrainId.ToString()).Order().ToList();
            Assert.Equal(expected, read.Reminders.Where(r => ours.Contains(r.GrainId)).Select(r => r.GrainId.ToString()).Order().ToList());
            Assert.All(read.Reminders.Where(r => ours.Contains(r.GrainId)), r => Assert.Equal("0", r.ETag));
        }

        // The silo's own window (the test clock's: years) reads every row, as Orleans' own table would.
        Assert.Equal(300, (await table.ReadRows(0, 0)).Reminders.Count(r => ours.Contains(r.GrainId)));
    }

    [Fact]
    public async Task A_batch_of_row_reads_answers_each_reminder_or_null_in_the_order_asked()
    {
        using var clock = new TestClock(Now);
        await using var cluster = await StartAsync(clock);
        var table = Table(cluster);
        var (a, b, missing) = (GrainId.Create("sequence", "930001"), GrainId.Create("sequence", "930002"), GrainId.Create("sequence", "930003"));
        var day = new DateTime(2026, 11, 5, 9, 0, 0, DateTimeKind.Utc);
        await table.UpsertAllAsync([Entry(a, day, TimeSpan.FromMinutes(1)), Entry(b, day.AddHours(1), TimeSpan.FromMinutes(2))]);
        await table.UpsertRow(Entry(b, day.AddHours(2), TimeSpan.FromMinutes(2)));

        var rows = await table.ReadAllAsync([(b, "wake-up"), (missing, "wake-up"), (a, "other"), (a, "wake-up"), (b, "wake-up")]);

        Assert.Equal(["1 " + day.AddHours(2).ToString("O"), "none", "none", "0 " + day.ToString("O"), "1 " + day.AddHours(2).ToString("O")],
            rows.Select(r => r is null ? "none" : r.ETag + " " + r.StartAt.ToUniversalTime().ToString("O")));
        Assert.Equal([b], (await table.ReadRows(b)).Reminders.Select(r => r.GrainId));
        Assert.False(await table.RemoveRow(b, "wake-up", "0"));
        Assert.True(await table.RemoveRow(b, "wake-up", "1"));
        Assert.Empty((await table.ReadRows(b)).Reminders);
    }

    /// <summary>The ring range (begin, end] of uint hashes; the whole ring when begin = end.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static async Task<SiloCluster> StartAsync(TestClock clock) =>
        await SiloCluster.StartAsync(await TestDatabase.CreateAsync(), clock, new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.test",
        });

    private static BatchedReminderTable Table(SiloCluster cluster) =>
        Assert.IsType<BatchedReminderTable>(cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>());

    private static ReminderEntry Entry(GrainId grain, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = "wake-up", StartAt = startAt, Period = period };
}
