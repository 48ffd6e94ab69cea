using System.Diagnostics;
using Orleans;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Maintenance;
using RoleFerry.Grains.Sequences;
using RoleFerry.Testing;
using Xunit.Abstractions;

namespace RoleFerry.Grains.Tests.Cluster;

/// <summary>
/// Several silos on one database (DESIGN §4, the cluster invariants): work spreads over the silos, and a silo killed
/// in the middle of a dispatch neither loses a step nor sends one twice nor lets a mailbox pass its cap.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : ClusterTest
{
    [Fact]
    public async Task Sequences_spread_over_three_silos_and_each_silo_sends_its_share()
    {
        var silos = await StartSilosAsync(3);
        using var activations = new ActivationLog(silos.Select(s => s.Handle.SiloAddress));
        await AddMailboxAsync(dailyCap: 500);
        var enrolled = await EnrollAsync(60, await AnyTimeTemplateAsync((1, "One", "1")));
        await Clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(60, SmtpSink.MessagesTo(enrolled.Select(e => e.Email).ToList()).Count);
        var sequence = Cluster.Grains.GetGrain<ISequenceGrain>(enrolled[0].Sequence).GetGrainId().Type;
        Assert.All(silos, s => Assert.True(activations.GrainsActivatedOn(s.Handle.SiloAddress, sequence) > 0, $"no sequence on {s.Handle.SiloAddress}"));
        Assert.All(silos, s => Assert.True(Clock.TicksDeliveredBy(s.Handle.SiloAddress) > 0, $"no tick delivered by {s.Handle.SiloAddress}"));
    }

    [Fact]
    public async Task A_silo_killed_mid_dispatch_loses_no_step_sends_none_twice_and_breaks_no_cap()
    {
        var silos = await StartSilosAsync(3);
        var mailboxes = new[] { await AddMailboxAsync(dailyCap: 120), await AddMailboxAsync(dailyCap: 120), await AddMailboxAsync(dailyCap: 120) };
        var enrolled = await EnrollAsync(300, await AnyTimeTemplateAsync((1, "One", "1"), (2, "Two", "2")));
        var recipients = enrolled.Select(e => e.Email).ToList();
        await Clock.SettleAsync();

        // 300 first steps fall due at once (10:00) and their 300 second steps two hours after each; the caps let 360
        // go today, the rest tomorrow. Kill a silo while the first steps are sent.
        Clock.Jump(TimeSpan.FromHours(1));
        await SmtpSink.WaitForAsync(recipients, 60, TimeSpan.FromSeconds(60));
        var killedAt = Stopwatch.StartNew();
        await silos[1].KillAsync();
        var added = await StartSiloAsync();
        await Clock.SettleAsync();
        output.WriteLine($"the survivors held every reminder again {killedAt.Elapsed.TotalSeconds:F1} s after the kill");
        await Clock.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(4));

        var steps = await StepsAsync();
        var received = ReceivedByMessageId(recipients);
        Assert.Equal(600, steps.Count);
        Assert.All(received, r => Assert.True(r.Value == 1, $"{r.Key} was received {r.Value} times"));
        Assert.All(received.Keys, id => Assert.Contains(steps, s => s.MessageId == id));
        foreach (var step in steps)
        {
            var times = step.MessageId is { } id ? received.GetValueOrDefault(id) : 0;
            if (!(step.Status == "sent" ? times == 1 : step.OutcomeUnknown ? times <= 1 : step.Status == "canceled" && times == 0))
            {
                Assert.Fail($"sequence {step.Sequence} step {step.StepNo} is {step.Status} ({step.Error}) and was received {times} times: {await DescribeAsync(step.Sequence)}");
            }
        }

        var unknown = steps.Where(s => s.OutcomeUnknown).ToList();
        output.WriteLine($"{steps.Count(s => s.Status == "sent")} steps sent, {unknown.Count} outcome unknown (in flight on the killed silo)");
        foreach (var late in steps.Where(s => s.StepNo == 2 && s.Status != "sent" && unknown.All(u => u.Sequence != s.Sequence)))
        {
            Assert.Fail($"step 2 of sequence {late.Sequence} is {late.Status}: {await DescribeAsync(late.Sequence)}");
        }
        Assert.Equal(0, await CapViolationsAsync());
        Assert.All(mailboxes, id => Assert.True(steps.Count(s => s.MailboxId == id && s.SentAt?.Day == 2) <= 120));
        Assert.True(Clock.TicksDeliveredBy(added.Handle.SiloAddress) > 0, "the silo added during the dispatch took no share of the work");
    }

    [Fact]
    public async Task An_enrollment_whose_sequence_silo_just_died_succeeds_and_its_first_step_goes_out_within_one_period_of_the_failover()
    {
        var silos = await StartSilosAsync(3);
        await AddMailboxAsync(dailyCap: 500);
        var template = await AnyTimeTemplateAsync((0, "One", "1"));
        await Cluster.Grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.PlatformKey).EnsureScheduledAsync();
        using var activations = new ActivationLog(silos.Select(s => s.Handle.SiloAddress));
        var user = Cluster.Grains.GetGrain<IUserGrain>(UserId);
        await user.GetQuotaAsync();

        // A silo dies that neither holds the user grain nor is the caller's (as behind a load balancer, requests go on
        // to the survivors); until it is declared dead, sequences placed on it cannot be started.
        var userSilo = activations.SiloOf(user.GetGrainId());
        var killed = silos.Skip(1).First(s => !s.Handle.SiloAddress.Equals(userSilo));
        await killed.KillAsync();
        var enrolled = await EnrollAsync(30, template);
        var unstarted = await Seed.ScalarAsync(
            "SELECT count(*) FROM sequence_instances WHERE id = ANY($1) AND next_step_due_at IS NULL", enrolled.Select(e => e.Sequence).ToArray());
        Assert.True(unstarted > 0, "no enrollment met the dead silo");

        Clock.Jump(TimeSpan.FromMinutes(4));
        var failedOverAt = Clock.GetUtcNow();
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(10));

        var steps = await StepsAsync();
        Assert.Equal(30, SmtpSink.MessagesTo(enrolled.Select(e => e.Email).ToList()).Count);
        Assert.All(steps, s => Assert.Equal("sent", s.Status));
        var period = new MaintenanceOptions().StartCheckPeriod;
        Assert.All(steps, s => Assert.True(s.SentAt <= failedOverAt + period, $"step of {s.Sequence} sent at {s.SentAt}, failed over at {failedOverAt}"));
    }

    [Fact]
    public async Task A_step_due_while_its_silo_is_dead_goes_out_within_one_wake_up_period_of_the_failover()
    {
        var silos = await StartSilosAsync(3);
        await AddMailboxAsync(dailyCap: 500);
        var enrolled = await EnrollAsync(30, await AnyTimeTemplateAsync((2, "One", "1")));
        await Clock.SettleAsync();
        var due = Clock.GetUtcNow() + TimeSpan.FromHours(2);

        // A silo dies a minute before the steps are due; the cluster's clock runs on while no one holds its
        // reminders (here: 3 minutes past the due time), then the survivors take them over.
        await Clock.AdvanceToAsync(due - TimeSpan.FromMinutes(1));
        await silos[2].KillAsync();
        Clock.Jump(TimeSpan.FromMinutes(4));
        var failedOverAt = Clock.GetUtcNow();
        await Clock.AdvanceAsync(TimeSpan.FromHours(1));

        var steps = await StepsAsync();
        Assert.Equal(30, SmtpSink.MessagesTo(enrolled.Select(e => e.Email).ToList()).Count);
        Assert.All(steps, s => Assert.Equal("sent", s.Status));
        var period = new SequenceOptions().WakeUpPeriod;
        Assert.All(steps, s => Assert.InRange(s.SentAt!.Value, due, failedOverAt + period));
    }
}
