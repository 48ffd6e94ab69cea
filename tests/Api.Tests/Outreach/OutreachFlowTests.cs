using System.Net;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>The whole product path through the HTTP API: track a job, enroll a contact, the email leaves, the contact answers.</summary>
public sealed class OutreachFlowTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    [Fact]
    public async Task A_job_seeker_enrolls_a_contact_the_email_leaves_and_a_reply_stops_the_sequence()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var client = user.Client;
        var companyName = "Globex " + Guid.NewGuid().ToString("N")[..6];
        var company = await (await client.PostJsonAsync("/api/companies", new { name = companyName, domain = Catalog.NewDomain() }))
            .JsonAsync(HttpStatusCode.Created);
        var job = await (await client.PostJsonAsync("/api/jobs", new { source = "manual", title = "Platform Engineer", companyId = company.Id() }))
            .JsonAsync(HttpStatusCode.Created);
        var application = await (await client.PostJsonAsync("/api/applications", new { jobId = job.Id() })).JsonAsync(HttpStatusCode.Created);
        var recipient = OutreachApi.NewRecipient();
        var contact = await (await client.PostJsonAsync("/api/contacts", new { companyId = company.Id(), fullName = "Alex Helper", email = recipient, source = "manual" }))
            .JsonAsync(HttpStatusCode.Created);
        var templates = await (await client.GetAsync("/api/sequence-templates")).JsonAsync(HttpStatusCode.OK);
        var template = templates.Items().Single(t => t.Str("name") == "Job Seeker Default");
        Assert.True(template.GetProperty("isPlatform").GetBoolean());

        var enrolled = await user.EnrollAsync(application.Id(), contact.Id(), template.Id());

        Assert.Equal("active", enrolled.Str("status"));
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        Assert.Equal($"Quick advice on Platform Engineer at {companyName}?", email.Header("Subject"));
        var messageId = email.Header("Message-ID");
        Assert.Matches("^<[^<>@]+@mail\\.roleferry\\.test>$", messageId);
        await user.WaitForSequenceAsync(outreach.Clock, enrolled.Id(), s => s.StepStatuses()[0] == "sent");

        await outreach.Clock.AdvanceAsync(TimeSpan.FromMinutes(30));
        var reply = await client.PostEventsAsync(OutreachApi.Event("reply", messageId, outreach.Clock.GetUtcNow()));

        var answer = await reply.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("received").GetInt32());
        Assert.Equal(0, answer.GetProperty("unmatched").GetArrayLength());
        var tracker = await (await client.GetAsync("/api/applications")).JsonAsync(HttpStatusCode.OK);
        var row = tracker.Items().Single(a => a.Id() == application.Id());
        Assert.Equal("replied", row.Str("replyStatus"));
        Assert.Equal("applied", row.Str("status"));
        // outreachSent counts the emails that left (sent, delivered, bounced or replied): the one step, now replied.
        Assert.Equal(1, row.GetProperty("outreachSent").GetInt64());
        Assert.Equal(1, row.GetProperty("outreachReplied").GetInt64());
        var sequence = await user.SequenceAsync(enrolled.Id());
        Assert.Equal("stopped_reply", sequence.Str("status"));
        Assert.Equal(["replied", "canceled", "canceled"], sequence.StepStatuses());
        var first = sequence.GetProperty("steps")[0];
        Assert.Equal(messageId.Trim('<', '>'), first.Str("messageId"));
        Assert.Equal($"Quick advice on Platform Engineer at {companyName}?", first.Str("subject"));
        Assert.Equal(enrolled.GetProperty("steps")[0].GetProperty("scheduledAt").GetDateTimeOffset(), first.GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(application.Id(), sequence.GetProperty("applicationId").GetInt64());
        Assert.Equal(contact.Id(), sequence.GetProperty("contactId").GetInt64());
        Assert.EndsWith("@mail.roleferry.test", sequence.GetProperty("mailbox").Str("email"));
    }

    [Fact]
    public async Task One_click_unsubscribe_opts_the_contact_out_and_stops_the_sequence_once()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync("Data Engineer");
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        var enrolled = await user.EnrollAsync(job.ApplicationId, contactId, await user.PlatformTemplateIdAsync("Job Seeker Default"));
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        Assert.Equal("List-Unsubscribe=One-Click", email.Header("List-Unsubscribe-Post"));
        var token = email.UnsubscribeToken();
        var contact = outreach.Anonymous();

        var first = await contact.PostAsync($"/u/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unsubscribed", await first.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var stored = await (await user.Client.GetAsync($"/api/contacts/{contactId}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(stored.GetProperty("optedOut").GetBoolean());
        var sequence = await user.SequenceAsync(enrolled.Id());
        Assert.Equal("stopped_optout", sequence.Str("status"));
        Assert.Equal(["sent", "canceled", "canceled"], sequence.StepStatuses());
        var tracker = await (await user.Client.GetAsync($"/api/applications/{job.ApplicationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("unsubscribed", tracker.Str("replyStatus"));
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString,
            "SELECT count(*) FROM outreach_events WHERE type = 'unsubscribe' AND outreach_id IN (SELECT id FROM outreach WHERE contact_id = $1)", contactId));

        var second = await contact.PostAsync($"/u/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString,
            "SELECT count(*) FROM outreach_events WHERE outreach_id IN (SELECT id FROM outreach WHERE contact_id = $1)", contactId));
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString,
            "SELECT count(*) FROM suppression_list WHERE email = lower($1)", recipient));
        Assert.Equal("stopped_optout", (await user.SequenceAsync(enrolled.Id())).Str("status"));
        var again = await user.PostEnrollAsync(job.ApplicationId, contactId, await user.PlatformTemplateIdAsync("Job Seeker Default"));
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }
}
