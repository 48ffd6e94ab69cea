using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

public sealed class SequenceDeliveryTests : OutreachTest
{
    [Fact]
    public async Task Cap_two_with_three_contacts_sends_two_today_and_the_third_after_the_utc_rollover()
    {
        var mailbox = await AddMailboxAsync(dailyCap: 2);
        var template = await AnyTimeTemplateAsync((0, "Hello {{first_name}}", "Body"));
        var contacts = new List<(long Id, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            contacts.Add(await AddContactAsync());
            await EnrollAsync(contacts[^1].Id, template);
        }

        await Clock.AdvanceAsync(TimeSpan.FromHours(14));
        Assert.Equal(2, contacts.Sum(c => SmtpSink.MessagesTo(c.Email).Count));
        Assert.Equal(2, (await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).GetAsync()).SentToday);

        await Clock.AdvanceAsync(TimeSpan.FromHours(1.5));
        Assert.Equal(3, contacts.Sum(c => SmtpSink.MessagesTo(c.Email).Count));
        Assert.Equal(2L, await Seed.ScalarAsync("SELECT count(*) FROM outreach WHERE sent_at = '2026-11-02T09:00:00Z'"));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM outreach WHERE sent_at = '2026-11-03T00:00:00Z'"));
    }

    [Fact]
    public async Task Fifty_concurrent_sequences_on_one_mailbox_never_exceed_its_cap()
    {
        var mailbox = await AddMailboxAsync(dailyCap: 20);
        var template = await AnyTimeTemplateAsync((0, "Hello", "Body"));
        var contacts = new List<(long Id, string Email)>();
        for (var i = 0; i < 50; i++)
        {
            contacts.Add(await AddContactAsync());
        }

        await Task.WhenAll(contacts.Select(c => EnrollAsync(c.Id, template)));
        await Clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(20, contacts.Sum(c => SmtpSink.MessagesTo(c.Email).Count));
        Assert.Equal(20L, await Seed.ScalarAsync("SELECT count(*) FROM outreach WHERE status = 'sent'"));
        Assert.Equal(20L, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE mailbox_id = $1 AND NOT released", mailbox.Id));
        Assert.Equal(20, (await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).GetAsync()).SentToday);
    }

    [Fact]
    public async Task Smtp_421_then_250_delivers_exactly_one_email()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(prefix: "tempfail");
        var start = Clock.GetUtcNow();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body")));

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        var sequence = await Sequence(view.Id).GetAsync();
        Assert.Equal("completed", sequence.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(1), sequence.Steps[0].SentAt);
        Assert.Equal(2L, await Seed.ScalarAsync("SELECT attempts FROM outreach WHERE sequence_instance_id = $1", view.Id));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE sequence_instance_id = $1 AND NOT released", view.Id));
    }

    [Fact]
    public async Task Smtp_421_every_time_fails_the_step_after_three_attempts()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(prefix: "tempfail3");
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body"), (1, "Again", "Body")));

        await Clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Empty(SmtpSink.MessagesTo(email));
        var sequence = await Sequence(view.Id).GetAsync();
        Assert.Equal("failed", sequence.Status);
        Assert.Equal(["failed", "canceled"], sequence.Steps.Select(s => s.Status));
        Assert.Equal(3L, await Seed.ScalarAsync("SELECT attempts FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", view.Id));
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE sequence_instance_id = $1 AND NOT released", view.Id));
    }

    [Fact]
    public async Task Smtp_550_5_1_1_is_recorded_as_a_hard_bounce_and_stops_the_sequence()
    {
        var mailbox = await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(prefix: "reject");
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body"), (1, "Again", "Body")));

        await Clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Empty(SmtpSink.MessagesTo(email));
        var sequence = await Sequence(view.Id).GetAsync();
        Assert.Equal("stopped_bounce", sequence.Status);
        Assert.Equal(["bounced", "canceled"], sequence.Steps.Select(s => s.Status));
        Assert.Contains("5.1.1", sequence.Steps[0].Error);
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT bounce_count FROM contacts WHERE id = $1", contact));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM suppression_list WHERE email = $1 AND reason = 'hard_bounce'", email));
        Assert.True((await Silo.Grains.GetGrain<IMailboxGrain>(mailbox.Id).GetAsync()).HealthScore < 100);
    }

    [Fact]
    public async Task A_silo_killed_between_claim_and_smtp_never_resends_that_step()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hello", "Body"), (1, "Again", "Body"));
        await Silo.StopAsync();
        var stuck = new StuckTransport();
        Silo = await StartSiloAsync(services: s => s.AddSingleton<IMailTransport>(stuck));
        var view = await EnrollAsync(contact, template);
        await stuck.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("sending", await Seed.ScalarTextAsync("SELECT status FROM outreach WHERE sequence_instance_id = $1 AND step_no = 1", view.Id));
        await Silo.KillAsync();

        Silo = await StartSiloAsync();
        await Clock.AdvanceAsync(TimeSpan.FromHours(3));

        Assert.Empty(SmtpSink.MessagesTo(email));
        var sequence = await Sequence(view.Id).GetAsync();
        Assert.Equal("failed", sequence.Status);
        Assert.Equal(["failed", "canceled"], sequence.Steps.Select(s => s.Status));
        Assert.StartsWith("outcome unknown", sequence.Steps[0].Error);
    }

    [Fact]
    public async Task A_silo_restarted_with_pending_steps_sends_each_exactly_once()
    {
        await AddMailboxAsync();
        var template = await AnyTimeTemplateAsync((0, "One", "1"), (24, "Two", "2"), (24, "Three", "3"));
        var contacts = new List<(long Id, string Email)>();
        for (var i = 0; i < 5; i++)
        {
            contacts.Add(await AddContactAsync());
            await EnrollAsync(contacts[^1].Id, template);
        }

        await Clock.AdvanceAsync(TimeSpan.FromHours(1));
        await Silo.StopAsync();
        Clock.Jump(TimeSpan.FromHours(30));
        Silo = await StartSiloAsync();
        await Clock.AdvanceAsync(TimeSpan.FromHours(30));
        await Silo.KillAsync();
        Silo = await StartSiloAsync();
        await Clock.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.All(contacts, c => Assert.Equal(["One", "Two", "Three"], SmtpSink.MessagesTo(c.Email).Select(m => m.Header("Subject"))));
        Assert.Equal(15L, await Seed.ScalarAsync("SELECT count(*) FROM outreach WHERE status = 'sent'"));
    }
}
