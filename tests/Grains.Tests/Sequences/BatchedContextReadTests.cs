using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>One context read for several steps: each answer is its own step's, in the order asked.</summary>
public sealed class BatchedContextReadTests : OutreachTest
{
    [Fact]
    public async Task A_batch_answers_each_step_in_order_and_null_for_a_missing_instance()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((24, "One", "1"), (24, "Two", "2"));
        var (first, firstEmail) = await AddContactAsync();
        var (second, secondEmail) = await AddContactAsync();
        var a = await EnrollAsync(first, template);
        var b = await EnrollAsync(second, template);
        await Seed.ExecuteAsync("UPDATE contacts SET opted_out = true, opted_out_at = now(), opted_out_reason = 'unsubscribe' WHERE id = $1", second);

        var contexts = await Silo.Services.GetRequiredService<SequenceOutreachStore>().LoadContextsAsync(
            [(b.Id, 2), (999_999, 1), (a.Id, 1)]);

        Assert.Equal(3, contexts.Count);
        Assert.Null(contexts[1]);
        var (forB, forA) = (contexts[0]!, contexts[2]!);
        Assert.Equal((secondEmail, true, "scheduled"), (forB.ContactEmail, forB.ContactOptedOut, forB.OutreachStatus));
        Assert.Equal((firstEmail, false, "scheduled"), (forA.ContactEmail, forA.ContactOptedOut, forA.OutreachStatus));
        Assert.Equal(await Seed.ScalarAsync("SELECT id FROM outreach WHERE sequence_instance_id = $1 AND step_no = 2", b.Id), forB.OutreachId);
        Assert.Equal(await Seed.ScalarAsync("SELECT id FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", a.Id), forA.OutreachId);
    }
}
