using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>More steps due at once than the silo's turns: the ones that found no turn are queued and still sent once each.</summary>
public sealed class SendGateQueueTests : OutreachTest
{
    public SendGateQueueTests() => Settings["RoleFerry:Sequences:MaxConcurrentSends"] = "1";

    [Fact]
    public async Task Steps_due_together_past_the_bound_are_each_sent_once()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((1, "One", "1"), (24, "Two", "2"));
        var contacts = new List<(long Id, string Email)>();
        for (var i = 0; i < 4; i++)
        {
            contacts.Add(await AddContactAsync());
        }

        foreach (var (id, _) in contacts)
        {
            await EnrollAsync(id, template);
        }

        // All four wake-ups tick at the same instant; one turn, so three are queued (none is ticked again: the clock stops there).
        await Clock.AdvanceAsync(TimeSpan.FromHours(1));
        foreach (var (_, email) in contacts)
        {
            await SmtpSink.WaitForAsync(email, 1);
        }

        await Clock.SettleAsync();
        Assert.Equal(4L, await Seed.ScalarAsync(
            "SELECT count(*) FROM outreach WHERE user_id = $1 AND step_no = 1 AND status = 'sent'", UserId));
        foreach (var (_, email) in contacts)
        {
            Assert.Single(SmtpSink.MessagesTo(email));
        }
    }
}
