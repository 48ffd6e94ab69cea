using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>
/// A mailbox that refuses a reservation counts the refusal by reason. Follow-ups ask step 1's mailbox first, so a
/// mailbox at its cap, inside its minimum gap or paused refuses the sequence's next step.
/// </summary>
public sealed class ReservationRefusalMetricsTests : OutreachTest
{
    [Fact]
    public async Task A_mailbox_at_its_daily_cap_refuses_the_follow_up_with_reason_daily_cap()
    {
        using var metrics = new SiloMetrics(Silo);
        await AddMailboxAsync(dailyCap: 1);
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(90));

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        var reasons = await SiloMetrics.TagValuesAsync(metrics.Refusals, MailboxMetrics.ReasonTag, 1);
        Assert.All(reasons, reason => Assert.Equal(RefusalReasons.DailyCap, reason));
    }

    [Fact]
    public async Task A_mailbox_inside_its_minimum_gap_refuses_with_reason_minimum_gap_and_sends_when_it_ends()
    {
        using var metrics = new SiloMetrics(Silo);
        await AddMailboxAsync(minGapSeconds: 7200);
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));

        await Clock.AdvanceAsync(TimeSpan.FromHours(3));

        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        var reasons = await SiloMetrics.TagValuesAsync(metrics.Refusals, MailboxMetrics.ReasonTag, 1);
        Assert.All(reasons, reason => Assert.Equal(RefusalReasons.MinimumGap, reason));
    }

    [Fact]
    public async Task A_paused_mailbox_refuses_with_reason_paused()
    {
        using var metrics = new SiloMetrics(Silo);
        var mailbox = await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).PauseAsync("operator");
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(90));

        var reasons = await SiloMetrics.TagValuesAsync(metrics.Refusals, MailboxMetrics.ReasonTag, 1);
        Assert.All(reasons, reason => Assert.Equal(RefusalReasons.Paused, reason));
        Assert.Single(SmtpSink.MessagesTo(email));
    }
}
