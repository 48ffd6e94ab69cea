using System.Net;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// A newcomer adds a mailbox with IMAP settings and sees replies arrive in GET /api/inbox: the whole path through
/// the HTTP API, with a real IMAP server, SMTP server and PostgreSQL.
/// </summary>
public sealed class InboxApiTests(InboxFixture inbox) : IClassFixture<InboxFixture>
{
    private async Task<(TestUser User, long MailboxId, ImapAccount Account, string Recipient, long SequenceId, string MessageId, long ContactId)> SendFirstStepAsync()
    {
        var (mailbox, account) = await inbox.NewReadMailboxAsync();
        var user = await inbox.NewUserAsync();
        var job = await user.NewApplicationAsync("Platform Engineer");
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        // Any time of day: tests of this class move the shared clock (a weekday window would hold step 1 back).
        var template = await user.NewTemplateAsync((0, "Quick advice on {{role}}?", "Hi {{first_name}}"), (48, "", "Following up"), (96, "", "Last note"));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(inbox.Clock, sequence.Id(), s => s.StepStatuses()[0] == "sent");
        return (user, mailbox.Id(), account, recipient, sequence.Id(), email.Header("Message-ID"), contactId);
    }

    [Fact]
    public async Task A_reply_read_over_imap_shows_in_the_inbox_with_its_text_and_can_be_marked_read()
    {
        var sent = await SendFirstStepAsync();

        var done = await inbox.DeliverAsync(sent.MailboxId, sent.Account,
            ContactMail.Reply(sent.Recipient, (await MailboxEmailAsync(sent.MailboxId)), sent.MessageId, "Happy to help. Does Thursday work?"));

        Assert.Equal("applied", done.Outcome);
        var page = await (await sent.User.Client.GetAsync("/api/inbox")).JsonAsync(HttpStatusCode.OK);
        var item = Assert.Single(page.Items());
        Assert.Equal(1, page.GetProperty("total").GetInt64());
        Assert.Equal(("reply", sent.Recipient, "Happy to help. Does Thursday work?"), (item.Str("kind"), item.Str("from"), item.Str("snippet")));
        Assert.Equal(sent.SequenceId, item.GetProperty("sequenceId").GetInt64());
        Assert.Equal(sent.ContactId, item.GetProperty("contactId").GetInt64());
        Assert.Equal("Re: Quick advice", item.Str("subject"));
        Assert.Equal(JsonValueKindNull, item.GetProperty("readAt").ValueKind);
        Assert.Equal(JsonValueKindNull, item.GetProperty("returnDate").ValueKind);
        Assert.Equal(inbox.Clock.GetUtcNow(), item.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.False(item.TryGetProperty("textBody", out _));
        Assert.Equal("stopped_reply", (await sent.User.SequenceAsync(sent.SequenceId)).Str("status"));

        var one = await (await sent.User.Client.GetAsync($"/api/inbox/{item.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("Happy to help. Does Thursday work?", one.Str("textBody"), StringComparison.Ordinal);
        var exported = Assert.Single((await (await sent.User.Client.GetAsync("/api/me/export")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("inboxMessages").EnumerateArray());
        Assert.Equal((item.Id(), "reply"), (exported.GetProperty("id").GetInt64(), exported.Str("kind")));
        Assert.StartsWith("Happy to help. Does Thursday work?", exported.Str("textBody"), StringComparison.Ordinal);

        var read = await (await sent.User.Client.PostAsync($"/api/inbox/{item.Id()}/read", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(inbox.Clock.GetUtcNow(), read.GetProperty("readAt").GetDateTimeOffset());
        Assert.Empty((await (await sent.User.Client.GetAsync("/api/inbox?unread=true")).JsonAsync(HttpStatusCode.OK)).Items());
        Assert.Single((await (await sent.User.Client.GetAsync("/api/inbox?unread=false&kind=reply")).JsonAsync(HttpStatusCode.OK)).Items());
        Assert.Empty((await (await sent.User.Client.GetAsync("/api/inbox?kind=bounce")).JsonAsync(HttpStatusCode.OK)).Items());

        var stranger = await inbox.NewUserAsync();
        await (await stranger.Client.GetAsync($"/api/inbox/{item.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsync($"/api/inbox/{item.Id()}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.Client.GetAsync("/api/inbox")).JsonAsync(HttpStatusCode.OK)).Items());
        await (await sent.User.Client.GetAsync("/api/inbox?kind=spam")).ProblemAsync(HttpStatusCode.BadRequest, "kind");
        Assert.Equal(HttpStatusCode.Unauthorized, (await inbox.Anonymous().GetAsync("/api/inbox")).StatusCode);

        var relayed = Assert.Single(await OutreachApi.WaitForEmailsAsync(sent.User.Email, 1));
        Assert.Contains(sent.Recipient, relayed.Header("Reply-To"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_office_parks_the_sequence_until_the_day_after_its_return_date()
    {
        var sent = await SendFirstStepAsync();

        var done = await inbox.DeliverAsync(sent.MailboxId, sent.Account,
            ContactMail.OutOfOffice(sent.Recipient, await MailboxEmailAsync(sent.MailboxId), sent.MessageId, "I am on leave, returning 2026-12-14."));

        Assert.Equal("applied", done.Outcome);
        var parked = await sent.User.SequenceAsync(sent.SequenceId);
        Assert.Equal("parked", parked.Str("status"));
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), parked.GetProperty("resumeAt").GetDateTimeOffset());
        Assert.True(parked.GetProperty("steps")[1].GetProperty("scheduledAt").GetDateTimeOffset() >= new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero));
        var item = Assert.Single((await (await sent.User.Client.GetAsync("/api/inbox?kind=auto_reply")).JsonAsync(HttpStatusCode.OK)).Items());
        Assert.Equal("2026-12-14", item.Str("returnDate"));
        var timeline = await (await sent.User.Client.GetAsync($"/api/applications/{item.GetProperty("applicationId").GetInt64()}/timeline"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("auto_reply", timeline.Items().Last().Str("kind"));
        var listed = Assert.Single((await (await sent.User.Client.GetAsync("/api/sequences?status=parked")).JsonAsync(HttpStatusCode.OK)).Items());
        Assert.Equal(sent.SequenceId, listed.GetProperty("id").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), listed.GetProperty("resumeAt").GetDateTimeOffset());

        await inbox.Clock.AdvanceToAsync(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero));
        var resumed = await sent.User.SequenceAsync(sent.SequenceId);
        Assert.Equal("active", resumed.Str("status"));
        Assert.Equal(JsonValueKindNull, resumed.GetProperty("resumeAt").ValueKind);
    }

    [Fact]
    public async Task An_address_another_user_unsubscribed_cannot_be_enrolled()
    {
        var sent = await SendFirstStepAsync();
        var mailbox = await MailboxEmailAsync(sent.MailboxId);
        Assert.Equal("applied", (await inbox.DeliverAsync(sent.MailboxId, sent.Account, ContactMail.Reply(sent.Recipient, mailbox, sent.MessageId, "Unsubscribe me, please."))).Outcome);

        var other = await inbox.NewUserAsync();
        var job = await other.NewApplicationAsync();
        var (contactId, _) = await other.NewContactAsync(job.CompanyId, sent.Recipient.ToUpperInvariant());
        var refused = await other.PostEnrollAsync(job.ApplicationId, contactId, await other.PlatformTemplateIdAsync("Job Seeker Default"));

        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await Db.CountAsync(inbox.ConnectionString, "SELECT count(*) FROM sequence_instances WHERE user_id = $1", other.Id));
    }

    private async Task<string> MailboxEmailAsync(long mailboxId) =>
        (string)(await Db.ScalarAsync(inbox.ConnectionString, "SELECT email FROM mailboxes WHERE id = $1", mailboxId))!;

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
