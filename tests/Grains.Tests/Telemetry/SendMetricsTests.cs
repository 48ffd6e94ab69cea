using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>
/// What the sequences' sends record on RoleFerry's meters, through the real grains and the real SMTP server:
/// sends, failures by kind (the test server's scripted answers), and the lateness from due to claim.
/// </summary>
public sealed class SendMetricsTests : OutreachTest
{
    [Fact]
    public async Task A_step_sent_at_its_due_time_counts_one_send_and_zero_lateness()
    {
        using var metrics = new SiloMetrics(Silo);
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body")));

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        Assert.Equal(1, Assert.Single(await SiloMetrics.MeasurementsAsync(metrics.Sent, 1)).Value);
        Assert.Equal(0, Assert.Single(metrics.StepLateness.GetMeasurementSnapshot()).Value);
        Assert.Empty(metrics.SendFailures.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_step_that_fell_due_while_no_silo_ran_is_recorded_as_late_by_the_outage()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (48, "Two", "2")));
        var due = Clock.GetUtcNow() + TimeSpan.FromHours(48);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        await Silo.StopAsync();
        var outage = TimeSpan.FromHours(2) + TimeSpan.FromSeconds(20);
        Clock.Jump(due + outage - Clock.GetUtcNow());
        Silo = await StartSiloAsync();
        using var metrics = new SiloMetrics(Silo);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        var sentAt = (await Sequence(view.Id).GetAsync()).Steps[1].SentAt!.Value;
        var lateness = Assert.Single(await SiloMetrics.MeasurementsAsync(metrics.StepLateness, 1)).Value;
        Assert.Equal((sentAt - due).TotalSeconds, lateness);
        Assert.InRange(lateness, outage.TotalSeconds, (outage + TimeSpan.FromMinutes(1)).TotalSeconds);
    }

    [Fact]
    public async Task A_hard_bounce_a_5xx_rejection_and_a_4xx_each_count_one_failure_of_their_kind()
    {
        using var metrics = new SiloMetrics(Silo);
        // The hard bounce pauses its mailbox (health 0); the 4xx's retry leaves from the other one.
        await AddMailboxAsync();
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((0, "Hello", "Body"));
        foreach (var prefix in new[] { "reject", "fail5", "tempfail" })
        {
            await EnrollAsync((await AddContactAsync(prefix)).Id, template);
        }

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(10));

        var kinds = await SiloMetrics.TagValuesAsync(metrics.SendFailures, OutreachMetrics.FailureKindTag, 3);
        Assert.Equal(
            [SendFailureKinds.HardBounce, SendFailureKinds.Permanent, SendFailureKinds.Transient],
            kinds.Order(StringComparer.Ordinal));
        // The 421 was retried a minute later and accepted.
        Assert.Equal(1, Assert.Single(await SiloMetrics.MeasurementsAsync(metrics.Sent, 1)).Value);
    }

    [Fact]
    public async Task A_step_left_claimed_by_a_killed_silo_counts_as_outcome_unknown_on_the_silo_that_settles_it()
    {
        await AddMailboxAsync();
        var (contact, _) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hello", "Body"), (1, "Again", "Body"));
        await Silo.StopAsync();
        var stuck = new StuckTransport();
        Silo = await StartSiloAsync(services: s => s.AddSingleton<IMailTransport>(stuck));
        await EnrollAsync(contact, template);
        await stuck.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await Silo.KillAsync();

        Silo = await StartSiloAsync();
        using var metrics = new SiloMetrics(Silo);
        await Clock.AdvanceAsync(TimeSpan.FromHours(3));

        Assert.Equal([SendFailureKinds.OutcomeUnknown], await SiloMetrics.TagValuesAsync(metrics.SendFailures, OutreachMetrics.FailureKindTag, 1));
        Assert.Empty(metrics.Sent.GetMeasurementSnapshot());
    }
}
