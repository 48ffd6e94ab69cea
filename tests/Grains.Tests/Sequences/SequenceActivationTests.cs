using Orleans;
using Orleans.Runtime;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// A sequence stays in memory only while a wake-up is near (<c>SequenceOptions.KeepActiveWithin</c>, 15 minutes):
/// one that sent a step and waits days for the next leaves at once, and its reminder brings it back.
/// </summary>
public sealed class SequenceActivationTests : OutreachTest
{
    [Fact]
    public async Task A_sequence_whose_next_step_is_days_away_leaves_memory_once_it_sent_and_its_wake_up_brings_it_back()
    {
        using var log = new ActivationLog(Silo.Handle.SiloAddress);
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (48, "Two", "2")));
        var grain = Sequence(view.Id).GetGrainId();

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        await log.WaitForDeactivationsAsync(grain, 1);
        Assert.Equal(1, log.Activations(grain));

        await Clock.AdvanceAsync(TimeSpan.FromHours(48));
        Assert.Equal(["One", "Two"], (await SmtpSink.WaitForAsync(email, 2)).Select(m => m.Header("Subject")));
        await log.WaitForDeactivationsAsync(grain, 2);

        Assert.Equal(2, log.Activations(grain));
        Assert.Equal([DeactivationReasonCode.ApplicationRequested, DeactivationReasonCode.ApplicationRequested], log.Deactivations(grain));
        Assert.Equal(SequenceStatuses.Completed, (await Sequence(view.Id).GetAsync()).Status);
    }

    [Fact]
    public async Task A_sequence_whose_next_step_is_minutes_away_stays_in_memory_for_it()
    {
        using var log = new ActivationLog(Silo.Handle.SiloAddress);
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (0.2, "Two", "2")));
        var grain = Sequence(view.Id).GetGrainId();

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Equal(["One", "Two"], (await SmtpSink.WaitForAsync(email, 2)).Select(m => m.Header("Subject")));
        await log.WaitForDeactivationsAsync(grain, 1);

        Assert.Equal(1, log.Activations(grain));
        Assert.Equal([DeactivationReasonCode.ApplicationRequested], log.Deactivations(grain));
    }
}
