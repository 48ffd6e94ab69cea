using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>One claim statement for several steps: each step is claimed, or not, by its own conditions.</summary>
public sealed class BatchedClaimTests : OutreachTest
{
    [Fact]
    public async Task A_batch_claims_the_steps_that_may_send_and_leaves_the_others_scheduled()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((24, "Later", "Body"));
        var (free, freeEmail) = await AddContactAsync();
        var (optedOut, _) = await AddContactAsync();
        var (suppressed, suppressedEmail) = await AddContactAsync();
        var claimable = await EnrollAsync(free, template);
        var stopped = await EnrollAsync(optedOut, template);
        var blocked = await EnrollAsync(suppressed, template);
        await Seed.ExecuteAsync("UPDATE contacts SET opted_out = true, opted_out_at = now(), opted_out_reason = 'unsubscribe' WHERE id = $1", optedOut);
        await Seed.ExecuteAsync("INSERT INTO suppression_list (email, reason) VALUES (lower($1), 'unsubscribe')", suppressedEmail);
        var mailbox = await Seed.ScalarAsync("SELECT max(id) FROM mailboxes");
        var now = Clock.GetUtcNow();
        StepClaim Claim(string to, string id) => new(mailbox, to, "Later", "Body", "<p>Body</p>", $"{id}@roleferry.test");

        var claimed = await Silo.Services.GetRequiredService<SequenceOutreachStore>().ClaimAllAsync(
        [
            new PendingClaim(stopped.Id, 1, Claim("x@example.test", "a"), now),
            new PendingClaim(claimable.Id, 1, Claim(freeEmail, "b"), now),
            new PendingClaim(blocked.Id, 1, Claim(suppressedEmail, "c"), now),
            new PendingClaim(claimable.Id, 2, Claim(freeEmail, "d"), now),
        ]);

        var outreachId = await Seed.ScalarAsync("SELECT id FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", claimable.Id);
        Assert.Equal([null, outreachId, null, null], claimed);
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE id = $1 AND status = 'sending' AND to_email = $2 AND message_id = 'b@roleferry.test' AND claimed_at = $3 AND attempts = 1",
            outreachId, freeEmail, now.UtcDateTime));
        Assert.Equal(2L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE sequence_instance_id = ANY($1) AND status = 'scheduled'", new[] { stopped.Id, blocked.Id }));
    }
}
