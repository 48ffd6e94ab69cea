using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

public sealed class SequenceSendingTests : OutreachTest
{
    [Fact]
    public async Task The_platform_template_sends_three_emails_with_headers_rendering_and_spacing()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(fullName: "Alex Helper");
        var template = await Seed.PlatformTemplateIdAsync("Job Seeker Default");
        var enrolledAt = Clock.GetUtcNow();

        var view = await EnrollAsync(contact, template);
        await Clock.AdvanceAsync(TimeSpan.FromDays(8));

        var messages = await SmtpSink.WaitForAsync(email, 3);
        Assert.Equal(3, messages.Count);
        Assert.Equal("Quick advice on Staff Engineer at Acme?", messages[0].Header("Subject"));
        Assert.All(messages, m =>
        {
            Assert.Matches("^<[^<>@]+@mail\\.roleferry\\.test>$", m.Header("Message-ID"));
            Assert.Contains("Jamie Seeker", m.Header("Reply-To"));
            Assert.Contains("seeker-", m.Header("Reply-To"));
            Assert.Matches("^<https://roleferry\\.test/u/[^>]+>, <mailto:[^>]+>$", m.Header("List-Unsubscribe"));
            Assert.Equal("List-Unsubscribe=One-Click", m.Header("List-Unsubscribe-Post"));
            Assert.Contains("text/plain", m.Body);
            Assert.Contains("text/html", m.Body);
        });

        var done = await Sequence(view.Id).GetAsync();
        Assert.Equal("completed", done.Status);
        Assert.Equal(["sent", "sent", "sent"], done.Steps.Select(s => s.Status));
        Assert.Equal(enrolledAt, done.Steps[0].SentAt);
        Assert.Equal(TimeSpan.FromHours(48), done.Steps[1].SentAt - done.Steps[0].SentAt);
        // 96 h after Wednesday 09:00 is Sunday 09:00, outside the default window (mon–fri 08:00–18:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.Zero), done.Steps[2].SentAt);
        Assert.Equal(messages.Select(m => m.Header("Message-ID").Trim('<', '>')), done.Steps.Select(s => s.MessageId));
    }

    [Fact]
    public async Task A_reply_after_step_one_means_steps_two_and_three_are_never_sent()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await Seed.PlatformTemplateIdAsync("Job Seeker Default"));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = (await SmtpSink.WaitForAsync(email, 1))[0];

        await Clock.AdvanceAsync(TimeSpan.FromHours(3));
        var applied = await Silo.Grains.GetGrain<IEmailEventGrain>(first.Header("Message-ID").Trim('<', '>'))
            .ApplyAsync(new EmailEvent("evt-reply-1", EmailEventTypes.Reply, Clock.GetUtcNow(), null, null));
        await Clock.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.True(applied);
        Assert.Single(SmtpSink.MessagesTo(email));
        var stopped = await Sequence(view.Id).GetAsync();
        Assert.Equal("stopped_reply", stopped.Status);
        Assert.Equal(["replied", "canceled", "canceled"], stopped.Steps.Select(s => s.Status));
        Assert.Equal("applied", await Seed.ScalarTextAsync("SELECT status FROM applications WHERE id = $1", ApplicationId));
        Assert.Equal("replied", await Seed.ScalarTextAsync("SELECT reply_status FROM applications WHERE id = $1", ApplicationId));
    }

    [Fact]
    public async Task An_auto_reply_does_not_stop_the_sequence()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hi {{first_name}}", "Step one"), (1, "Again", "Step two"));
        await EnrollAsync(contact, template);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = (await SmtpSink.WaitForAsync(email, 1))[0];

        await Silo.Grains.GetGrain<IEmailEventGrain>(first.Header("Message-ID").Trim('<', '>'))
            .ApplyAsync(new EmailEvent("evt-ooo-1", EmailEventTypes.AutoReply, Clock.GetUtcNow(), null, null));
        await Clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(2, SmtpSink.MessagesTo(email).Count);
    }

    [Fact]
    public async Task An_unsubscribe_stops_everything_to_that_contact()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (24, "Two", "2"), (24, "Three", "3")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = (await SmtpSink.WaitForAsync(email, 1))[0];

        var grain = Silo.Grains.GetGrain<IEmailEventGrain>(first.Header("Message-ID").Trim('<', '>'));
        Assert.True(await grain.ApplyAsync(new EmailEvent("unsubscribe:x", EmailEventTypes.Unsubscribe, Clock.GetUtcNow(), null, null)));
        Assert.True(await grain.ApplyAsync(new EmailEvent("unsubscribe:x", EmailEventTypes.Unsubscribe, Clock.GetUtcNow(), null, null)));
        await Clock.AdvanceAsync(TimeSpan.FromDays(5));

        Assert.Single(SmtpSink.MessagesTo(email));
        Assert.Equal("stopped_optout", (await Sequence(view.Id).GetAsync()).Status);
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM outreach_events WHERE event_id = 'unsubscribe:x'"));
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM contacts WHERE id = $1 AND opted_out", contact));
        var again = await User.EnrollAsync(new(ApplicationId, contact, await AnyTimeTemplateAsync((0, "x", "y")), new Dictionary<string, string>()));
        Assert.Equal(Interfaces.Users.EnrollmentError.OptedOut, again.Error);
    }

    [Fact]
    public async Task Rendering_uses_snapshotted_variables_and_escapes_them_in_html()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(fullName: "Alex Helper");
        var template = await AnyTimeTemplateAsync((0, "{{role}} at {{company}} for {{first_name}}", "Hello {{first_name}}, from {{my_name}}. {{custom}}"));

        await EnrollAsync(contact, template, new() { ["custom"] = "<b>bold</b>" });
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));

        var message = (await SmtpSink.WaitForAsync(email, 1))[0];
        Assert.Equal("Staff Engineer at Acme for Alex", message.Header("Subject"));
        var step = (await Seed.ScalarTextAsync("SELECT body_text FROM outreach WHERE contact_id = $1", contact))!;
        Assert.StartsWith("Hello Alex, from Jamie Seeker. <b>bold</b>", step);
        var html = (await Seed.ScalarTextAsync("SELECT body_html FROM outreach WHERE contact_id = $1", contact))!;
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public async Task A_template_variable_nobody_supplies_is_rejected_at_enrollment()
    {
        await AddMailboxAsync();
        var (contact, _) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hi {{first_name}}", "About {{referrer}} and {{team}}"));

        var result = await User.EnrollAsync(new(ApplicationId, contact, template, new Dictionary<string, string> { ["team"] = "Platform" }));

        Assert.Equal(Interfaces.Users.EnrollmentError.MissingVariables, result.Error);
        Assert.Equal(["referrer"], result.MissingVariables);
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM sequence_instances"));
    }

    [Fact]
    public async Task The_same_contact_cannot_be_enrolled_twice_in_one_application()
    {
        await AddMailboxAsync();
        var (contact, _) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hi", "Body"), (10, "Again", "Body"));
        await EnrollAsync(contact, template);

        var second = await User.EnrollAsync(new(ApplicationId, contact, template, new Dictionary<string, string>()));

        Assert.Equal(Interfaces.Users.EnrollmentError.AlreadyEnrolled, second.Error);
    }

    [Fact]
    public async Task Paused_sequences_send_nothing_until_resumed()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (2, "Two", "2")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        await SmtpSink.WaitForAsync(email, 1);

        Assert.Equal("paused", (await Sequence(view.Id).PauseAsync()).Status);
        await Clock.AdvanceAsync(TimeSpan.FromHours(5));
        Assert.Single(SmtpSink.MessagesTo(email));

        Assert.Equal("active", (await Sequence(view.Id).ResumeAsync()).Status);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        Assert.Equal("completed", (await Sequence(view.Id).GetAsync()).Status);
    }

    [Fact]
    public async Task A_step_due_outside_the_sending_window_waits_for_it_to_open()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync(timezone: "Europe/Berlin");
        var template = await Seed.TemplateAsync(UserId, "window", [(0, "One", "1"), (0.5, "Two", "2")]);
        await Clock.AdvanceToAsync(new DateTimeOffset(2026, 11, 6, 16, 45, 0, TimeSpan.Zero)); // Friday 17:45 in Berlin

        var view = await EnrollAsync(contact, template);
        await Clock.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        var steps = (await Sequence(view.Id).GetAsync()).Steps;
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 16, 45, 0, TimeSpan.Zero), steps[0].SentAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 7, 0, 0, TimeSpan.Zero), steps[1].SentAt); // Monday 08:00 Berlin
    }
}
