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
    [Fact]
    public async Task A_batch_inserts_or_replaces_each_reminder_with_the_versions_Orleans_reads_back()
    {
        using var clock = new TestClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await SiloCluster.StartAsync(await TestDatabase.CreateAsync(), clock, new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.test",
        });
        var table = Assert.IsType<BatchedReminderTable>(cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>());
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

    private static ReminderEntry Entry(GrainId grain, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = "wake-up", StartAt = startAt, Period = period };
}
