using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>Inbound email events (webhook, tracking, replies) count by type and by what became of them.</summary>
public sealed class EmailEventMetricsTests : OutreachTest
{
    [Fact]
    public async Task Events_count_by_type_as_applied_duplicate_or_for_an_unknown_message()
    {
        using var metrics = new SiloMetrics(Silo);
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var messageId = (await SmtpSink.WaitForAsync(email, 1))[0].Header("Message-ID").Trim('<', '>');
        var message = Silo.Grains.GetGrain<IEmailEventGrain>(messageId);
        var now = Clock.GetUtcNow();

        Assert.True(await message.ApplyAsync(new EmailEvent("evt-open-1", EmailEventTypes.Open, now, null, null)));
        Assert.True(await message.ApplyAsync(new EmailEvent("evt-reply-1", EmailEventTypes.Reply, now, null, null)));
        Assert.True(await message.ApplyAsync(new EmailEvent("evt-reply-1", EmailEventTypes.Reply, now, null, null)));
        Assert.False(await Silo.Grains.GetGrain<IEmailEventGrain>($"{Guid.NewGuid():N}@elsewhere.test")
            .ApplyAsync(new EmailEvent("evt-bounce-1", EmailEventTypes.Bounce, now, "hard", null)));

        var counted = await SiloMetrics.MeasurementsAsync(metrics.EmailEvents, 4);
        Assert.Equal(
            [
                (EmailEventTypes.Open, EmailEventOutcomes.Applied),
                (EmailEventTypes.Reply, EmailEventOutcomes.Applied),
                (EmailEventTypes.Reply, EmailEventOutcomes.Duplicate),
                (EmailEventTypes.Bounce, EmailEventOutcomes.UnknownMessage),
            ],
            counted.Select(m => ((string)m.Tags[EmailEventMetrics.TypeTag]!, (string)m.Tags[EmailEventMetrics.OutcomeTag]!)));
        Assert.All(counted, m => Assert.Equal(1, m.Value));
    }
}
