using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>Sequence rows read and written in batches: each answer is its own row's, and each write keeps its version check.</summary>
public sealed class BatchedSequenceStorageTests : OutreachTest
{
    [Fact]
    public async Task A_read_batch_answers_each_row_in_order_and_null_for_a_missing_one()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((24, "One", "1"), (48, "Two", "2"));
        var (first, _) = await AddContactAsync();
        var (second, _) = await AddContactAsync();
        var a = await EnrollAsync(first, template);
        var b = await EnrollAsync(second, template);
        await Seed.ExecuteAsync("UPDATE sequence_instances SET current_step = 2, stop_reason = 'marker' WHERE id = $1", b.Id);

        var rows = await Storage.ReadAllAsync([b.Id, 999_999, a.Id]);

        Assert.Equal(3, rows.Count);
        Assert.Null(rows[1]);
        var (forB, bVersion) = rows[0]!.Value;
        var (forA, aVersion) = rows[2]!.Value;
        Assert.Equal((second, 2, "marker", 2), (forB.ContactId, forB.CurrentStep, forB.StopReason, forB.TotalSteps));
        Assert.Equal((first, 1, (string?)null), (forA.ContactId, forA.CurrentStep, forA.StopReason));
        Assert.Equal(await Seed.ScalarAsync("SELECT version FROM sequence_instances WHERE id = $1", b.Id), bVersion);
        Assert.Equal(await Seed.ScalarAsync("SELECT version FROM sequence_instances WHERE id = $1", a.Id), aVersion);
    }

    [Fact]
    public async Task A_write_batch_writes_each_row_at_its_version_and_skips_a_row_changed_meanwhile()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((24, "One", "1"));
        var (first, _) = await AddContactAsync();
        var (second, _) = await AddContactAsync();
        var a = await EnrollAsync(first, template);
        var b = await EnrollAsync(second, template);
        var read = await Storage.ReadAllAsync([a.Id, b.Id]);
        var (aVersion, bVersion) = (read[0]!.Value.Version, read[1]!.Value.Version);
        await Seed.ExecuteAsync("UPDATE sequence_instances SET version = version + 1 WHERE id = $1", b.Id);
        var pausedAt = Clock.GetUtcNow().AddMinutes(3);

        var versions = await Storage.WriteAllAsync(
        [
            new SequenceRowWrite(a.Id, aVersion, Paused(pausedAt)),
            new SequenceRowWrite(b.Id, bVersion, Paused(pausedAt)),
        ]);

        Assert.Equal([aVersion + 1, null], versions);
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM sequence_instances WHERE id = $1 AND status = 'paused' AND paused_at = $2 AND next_step_due_at IS NULL",
            a.Id, pausedAt.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM sequence_instances WHERE id = $1 AND status = 'active' AND version = $2", b.Id, bVersion + 1));
    }

    private static SequenceState Paused(DateTimeOffset at) => new() { Status = "paused", CurrentStep = 1, PausedAt = at };

    private SequenceStorage Storage => Silo.Services.GetRequiredService<SequenceStorage>();
}
