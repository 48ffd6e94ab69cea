using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>Several sent steps recorded in one batch: each row gets its own step's values.</summary>
public sealed class SentStepWriterTests : OutreachTest
{
    [Fact]
    public async Task A_batch_records_each_step_with_its_own_time_reservation_and_next_due_time()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((0, "One", "1"), (24, "Two", "2"));
        var (first, firstEmail) = await AddContactAsync();
        var (second, secondEmail) = await AddContactAsync();
        var a = await EnrollAsync(first, template);
        var b = await EnrollAsync(second, template);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        await SmtpSink.WaitForAsync(firstEmail, 1);
        await SmtpSink.WaitForAsync(secondEmail, 1);
        await Clock.SettleAsync();
        // Back to "claimed, not recorded" for both step 1s; b's step 1 got a reply meanwhile.
        await Seed.ExecuteAsync("UPDATE outreach SET status = 'sending', sent_at = NULL WHERE sequence_instance_id = ANY($1) AND step_no = 1", new[] { a.Id, b.Id });
        await Seed.ExecuteAsync("UPDATE outreach SET status = 'replied' WHERE sequence_instance_id = $1 AND step_no = 1", b.Id);
        await Seed.ExecuteAsync("UPDATE outreach SET scheduled_at = NULL WHERE sequence_instance_id = ANY($1) AND step_no = 2", new[] { a.Id, b.Id });
        await Seed.ExecuteAsync("UPDATE mailbox_reservations SET sent_at = NULL");
        await Seed.ExecuteAsync("UPDATE contacts SET last_contacted_at = NULL");
        var atA = Clock.GetUtcNow().AddMinutes(5);
        var atB = Clock.GetUtcNow().AddMinutes(7);

        await Silo.Services.GetRequiredService<SentStepWriter>().WriteAllAsync(
        [
            await SentAsync(a.Id, atA, nextDueAt: atA.AddHours(24)),
            await SentAsync(b.Id, atB, nextDueAt: null),
        ]);

        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1 AND status = 'sent' AND sent_at = $2", a.Id, atA.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1 AND status = 'replied' AND sent_at = $2", b.Id, atB.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE sequence_instance_id = $1 AND step_no = 2 AND scheduled_at = $2", a.Id, atA.AddHours(24).UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE sequence_instance_id = $1 AND step_no = 2 AND scheduled_at IS NULL", b.Id));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM contacts WHERE id = $1 AND last_contacted_at = $2", first, atA.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM contacts WHERE id = $1 AND last_contacted_at = $2", second, atB.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE sequence_instance_id = $1 AND step_no = 1 AND sent_at = $2", a.Id, atA.UtcDateTime));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE sequence_instance_id = $1 AND step_no = 1 AND sent_at = $2", b.Id, atB.UtcDateTime));
    }

    private async Task<SentStep> SentAsync(long instanceId, DateTimeOffset at, DateTimeOffset? nextDueAt)
    {
        var outreach = await Seed.ScalarAsync("SELECT id FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", instanceId);
        var reservation = await Seed.ScalarAsync("SELECT id FROM mailbox_reservations WHERE sequence_instance_id = $1 AND step_no = 1", instanceId);
        var mailbox = await Seed.ScalarAsync("SELECT mailbox_id FROM mailbox_reservations WHERE id = $1", reservation);
        return new SentStep(outreach, mailbox, reservation, at, instanceId, 2, nextDueAt);
    }
}
