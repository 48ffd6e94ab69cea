using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>An RFC 3464 delivery status notification that lands in the sending mailbox is a bounce.</summary>
[Collection(InboxCollection.Name)]
public sealed class BounceReadingTests : InboxTest
{
    [Fact]
    public async Task A_dsn_for_5_1_1_suppresses_the_address_stops_the_sequence_and_lowers_the_mailbox_health()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, first) = await SendFirstStepAsync();

        var done = await DeliverAsync(mailbox.Id, account, InboundMessages.Bounce(mailbox.Email, email, first.Header("Message-ID")));

        Assert.Equal("applied", done.Outcome);
        var stopped = await Sequence(sequence.Id).GetAsync();
        Assert.Equal("stopped_bounce", stopped.Status);
        Assert.Equal(["bounced", "canceled", "canceled"], stopped.Steps.Select(s => s.Status));
        Assert.Equal("hard_bounce", await Seed.ScalarTextAsync("SELECT reason FROM suppression_list WHERE email = lower($1)", email));
        Assert.Equal(1L, await CountAsync(
            "SELECT count(*) FROM inbox_messages WHERE contact_id = $1 AND kind = 'bounce' AND bounce_type = 'hard' AND bounce_status = '5.1.1' AND failed_recipient = $2",
            contact, email));
        var health = await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).GetAsync();
        Assert.True(health.HealthScore < 100, $"health {health.HealthScore}");
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM mailbox_health_logs WHERE mailbox_id = $1 AND reason LIKE 'bounce of reservation%'", mailbox.Id));

        // Suppressed for everyone: another user cannot enroll the address either.
        var other = await Seed.UserAsync($"other-{Guid.NewGuid():N}@example.test", tier: "pro");
        var job = await Seed.JobAsync(CompanyId, "Staff Engineer");
        var application = await Seed.ApplicationAsync(other, job);
        var theirContact = await Seed.ContactAsync(other, CompanyId, email.ToUpperInvariant());
        var template = await Seed.TemplateAsync(other, "t", [(0, "Hi", "Body")]);
        var refused = await Silo.Grains.GetGrain<IUserGrain>(other).EnrollAsync(new EnrollmentRequest(application, theirContact, template, new Dictionary<string, string>()));
        Assert.Equal(EnrollmentError.Suppressed, refused.Error);
    }

    [Fact]
    public async Task A_dsn_that_only_reports_a_delay_changes_nothing()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, _, email, first) = await SendFirstStepAsync();

        var done = await DeliverAsync(mailbox.Id, account, InboundMessages.Bounce(mailbox.Email, email, first.Header("Message-ID"), status: "4.4.1", action: "delayed"));

        Assert.Equal("ignored", done.Outcome);
        Assert.Equal("active", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM suppression_list"));
    }
}
