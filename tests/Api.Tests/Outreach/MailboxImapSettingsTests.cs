using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>Mailboxes' IMAP settings through the admin API: created, shown (never the passwords), changed with PATCH.</summary>
public sealed class MailboxImapSettingsTests(InboxFixture inbox) : IClassFixture<InboxFixture>
{
    [Fact]
    public async Task A_read_mailbox_shows_imap_configured_its_last_sync_and_no_error_and_never_a_password()
    {
        var (mailbox, account) = await inbox.NewReadMailboxAsync();
        var admin = await inbox.AdminAsync();

        var raw = await (await admin.Client.GetAsync("/api/admin/mailboxes?pageSize=200")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(account.Password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-secret-value", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        var listed = JsonDocument.Parse(raw).RootElement.Items().Single(m => m.Id() == mailbox.Id());
        Assert.True(listed.GetProperty("imapConfigured").GetBoolean());
        Assert.Equal(inbox.Clock.GetUtcNow(), listed.GetProperty("lastInboxSyncAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("inboxError").ValueKind);
        Assert.Equal((ImapServer.Host, ImapServer.Port, account.Address), (listed.Str("imapHost"), listed.GetProperty("imapPort").GetInt32(), listed.Str("imapUsername")));
        Assert.True(mailbox.GetProperty("imapConfigured").GetBoolean());
    }

    [Fact]
    public async Task A_mailbox_without_imap_says_so()
    {
        var admin = await inbox.AdminAsync();
        var created = await (await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest())).JsonAsync(HttpStatusCode.Created);

        Assert.False(created.GetProperty("imapConfigured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("lastInboxSyncAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("inboxError").ValueKind);
    }

    [Fact]
    public async Task Patch_changes_settings_refuses_the_email_and_bad_values_and_is_for_admins()
    {
        var admin = await inbox.AdminAsync();
        var created = await (await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest())).JsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        var user = await inbox.NewUserAsync();

        var changed = await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { dailyCap = 12, minGapSeconds = 30, smtpPassword = "a-new-secret" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal((12, 30), (changed.GetProperty("dailyCap").GetInt32(), changed.GetProperty("minGapSeconds").GetInt32()));
        Assert.Equal(created.Str("smtpHost"), changed.Str("smtpHost"));
        await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { email = "other@mail.roleferry.test" })).ProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { smtpPort = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "smtpPort");
        await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { dailyCap = "many" })).ProblemAsync(HttpStatusCode.BadRequest, "dailyCap");
        await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { imapPort = 993 })).ProblemAsync(HttpStatusCode.BadRequest, "imapHost");
        await (await admin.Client.PatchJsonAsync("/api/admin/mailboxes/999999", new { dailyCap = 5 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { dailyCap = 5 })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(12, await Db.CountAsync(inbox.ConnectionString, "SELECT daily_cap::bigint FROM mailboxes WHERE id = $1", id));
    }

    [Fact]
    public async Task Pointing_a_mailbox_at_another_server_needs_its_password_again()
    {
        var admin = await inbox.AdminAsync();
        var created = await (await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest())).JsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        var url = $"/api/admin/mailboxes/{id}";

        await (await admin.Client.PatchJsonAsync(url, new { smtpHost = "smtp.attacker.test", useTls = false })).ProblemAsync(HttpStatusCode.BadRequest, "smtpPassword");
        await (await admin.Client.PatchJsonAsync(url, new { smtpPort = 2525 })).ProblemAsync(HttpStatusCode.BadRequest, "smtpPassword");
        await (await admin.Client.PatchJsonAsync(url, new { smtpUsername = "someone-else" })).ProblemAsync(HttpStatusCode.BadRequest, "smtpPassword");
        await (await admin.Client.PatchJsonAsync(url, new { useTls = !created.GetProperty("useTls").GetBoolean() })).ProblemAsync(HttpStatusCode.BadRequest, "smtpPassword");
        await (await admin.Client.PatchJsonAsync(url, new { imapHost = "imap.attacker.test", imapPort = 143, imapUseTls = false }))
            .ProblemAsync(HttpStatusCode.BadRequest, "imapPassword");
        Assert.Equal(0L, await Db.CountAsync(inbox.ConnectionString,
            "SELECT count(*) FROM mailboxes WHERE id = $1 AND (smtp_host LIKE '%attacker%' OR imap_host IS NOT NULL OR smtp_port = 2525)", id));

        var moved = await (await admin.Client.PatchJsonAsync(url, new { smtpHost = "smtp2.roleferry.test", smtpPassword = "the-new-servers-secret" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("smtp2.roleferry.test", moved.Str("smtpHost"));
        await (await admin.Client.PatchJsonAsync(url, new { dailyCap = 7 })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Imap_settings_added_by_patch_are_read_from_the_next_connection_and_removing_them_stops_reading()
    {
        var admin = await inbox.AdminAsync();
        var account = ImapServer.NewAccount();
        var created = await (await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest(account.Address))).JsonAsync(HttpStatusCode.Created);
        var id = created.Id();

        var wrong = await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}",
            new { imapHost = ImapServer.Host, imapPort = ImapServer.Port, imapUsername = account.Address, imapPassword = "wrong", imapUseTls = false })).JsonAsync(HttpStatusCode.OK);
        Assert.True(wrong.GetProperty("imapConfigured").GetBoolean());
        await inbox.Signals.WaitForAsync(id, s => s.Event == "round-failed", InboxFixture.SignalTimeout);
        var failing = (await (await admin.Client.GetAsync("/api/admin/mailboxes?pageSize=200")).JsonAsync(HttpStatusCode.OK)).Items().Single(m => m.Id() == id);
        Assert.Contains("login failed", failing.Str("inboxError"), StringComparison.OrdinalIgnoreCase);

        var fixedNow = await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { imapPassword = account.Password })).JsonAsync(HttpStatusCode.OK);
        Assert.True(fixedNow.GetProperty("imapConfigured").GetBoolean());
        var ended = await inbox.Signals.WaitForAsync(id, s => s.Event == "round-ended", InboxFixture.SignalTimeout);
        var reading = (await (await admin.Client.GetAsync("/api/admin/mailboxes?pageSize=200")).JsonAsync(HttpStatusCode.OK)).Items().Single(m => m.Id() == id);
        Assert.Equal(JsonValueKind.Null, reading.GetProperty("inboxError").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, reading.GetProperty("lastInboxSyncAt").ValueKind);

        var removed = await (await admin.Client.PatchJsonAsync($"/api/admin/mailboxes/{id}", new { imapHost = (string?)null })).JsonAsync(HttpStatusCode.OK);
        Assert.False(removed.GetProperty("imapConfigured").GetBoolean());
        await inbox.Signals.WaitForAsync(id, s => s.Event == "stopped" && s.Number > ended.Number, InboxFixture.SignalTimeout);
        Assert.Equal(0L, await Db.CountAsync(inbox.ConnectionString, "SELECT count(*) FROM mailboxes WHERE id = $1 AND imap_host IS NOT NULL", id));
    }

    [Fact]
    public async Task A_follow_up_template_step_may_leave_its_subject_empty_but_step_1_may_not()
    {
        var user = await inbox.NewUserAsync();

        var ok = await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = "Threaded",
            steps = new object[] { new { stepNo = 1, delayHours = 0, subject = "Hello", body = "One" }, new { stepNo = 2, delayHours = 24, subject = "", body = "Two" } },
        });
        var bad = await user.Client.PostJsonAsync("/api/sequence-templates", new
        {
            name = "Unthreaded",
            steps = new object[] { new { stepNo = 1, delayHours = 0, subject = "", body = "One" } },
        });

        Assert.Equal("", (await ok.JsonAsync(HttpStatusCode.Created)).GetProperty("steps")[1].Str("subject"));
        await bad.ProblemAsync(HttpStatusCode.BadRequest, "steps[0].subject");
        var platform = (await (await user.Client.GetAsync("/api/sequence-templates?pageSize=200")).JsonAsync(HttpStatusCode.OK)).Items()
            .Single(t => t.Str("name") == "Job Seeker Default");
        Assert.Equal(["Quick advice on {{role}} at {{company}}?", "", ""], platform.GetProperty("steps").EnumerateArray().Select(s => s.Str("subject")));
    }
}
