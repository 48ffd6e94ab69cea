using System.Net;
using System.Text;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary><c>PATCH /api/contacts/{id}</c> (the email is fixed) and <c>DELETE /api/contacts/{id}</c> (its sequences canceled first).</summary>
public sealed class ContactChangesTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    [Fact]
    public async Task Patch_corrects_names_title_and_timezone_and_clears_with_empty_text()
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, email) = await user.NewContactAsync(job.CompanyId, fullName: "Alex Helpr");

        var patched = await (await user.Client.PatchJsonAsync($"/api/contacts/{contactId}",
            new { fullName = "Alex Helper", firstName = "Alexandra", lastName = "Helper", title = "VP Engineering", timezone = "America/New_York" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(contactId, patched.Id());
        Assert.Equal("Alex Helper", patched.Str("fullName"));
        Assert.Equal("Alexandra", patched.Str("firstName"));
        Assert.Equal("VP Engineering", patched.Str("title"));
        Assert.Equal("America/New_York", patched.Str("timezone"));
        Assert.Equal(email, patched.Str("email"));
        var cleared = await (await user.Client.PatchJsonAsync($"/api/contacts/{contactId}", new { title = "", timezone = "" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("timezone").ValueKind);
        Assert.Equal("Alexandra", cleared.Str("firstName"));
    }

    [Theory]
    [InlineData("""{"email":"new@example.test"}""", "email")]
    [InlineData("""{"timezone":"Atlantis/Capital"}""", "timezone")]
    [InlineData("""{"fullName":""}""", "fullName")]
    [InlineData("""{"title":42}""", "title")]
    public async Task A_bad_patch_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, email) = await user.NewContactAsync(job.CompanyId);

        var response = await user.Client.PatchAsync($"/api/contacts/{contactId}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        var contact = await (await user.Client.GetAsync($"/api/contacts/{contactId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(email, contact.Str("email"));
        Assert.Equal("Alex Helper", contact.Str("fullName"));
    }

    [Fact]
    public async Task Delete_cancels_the_contacts_sequences_through_their_grains_then_removes_it()
    {
        await outreach.NewMailboxAsync();
        var user = await outreach.NewUserAsync();
        var job = await user.NewApplicationAsync();
        var (contactId, recipient) = await user.NewContactAsync(job.CompanyId);
        var (keptId, _) = await user.NewContactAsync(job.CompanyId);
        var template = await user.NewTemplateAsync((0, "Hi", "Hello"), (24, "Again", "Again"));
        var sequence = await user.EnrollAsync(job.ApplicationId, contactId, template);
        var kept = await user.EnrollAsync(job.ApplicationId, keptId, template);
        var email = Assert.Single(await OutreachApi.WaitForEmailsAsync(recipient, 1));
        await user.WaitForSequenceAsync(outreach.Clock, sequence.Id(), s => s.StepStatuses()[0] == "sent");
        await (await user.Client.GetAsync($"/t/o/{email.TrackingToken('o')}")).Content.ReadAsByteArrayAsync();
        var wakeUps = "SELECT count(*) FROM orleansreminderstable WHERE grainid = $1 AND remindername = 'wake-up'";
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString, wakeUps, outreach.GrainIdOf<ISequenceGrain>(sequence.Id())));

        var deleted = await user.Client.DeleteAsync($"/api/contacts/{contactId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await user.Client.GetAsync($"/api/contacts/{contactId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"/api/sequences/{sequence.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Db.CountAsync(outreach.ConnectionString, wakeUps, outreach.GrainIdOf<ISequenceGrain>(sequence.Id())));
        Assert.Equal(0L, await Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM outreach_events WHERE message_id = $1",
            email.Header("Message-ID").Trim('<', '>')));
        Assert.Equal("active", (await user.SequenceAsync(kept.Id())).Str("status"));
        await (await user.Client.DeleteAsync($"/api/contacts/{contactId}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_contact_is_404_for_patch_and_delete()
    {
        var owner = await outreach.NewUserAsync();
        var job = await owner.NewApplicationAsync();
        var (contactId, _) = await owner.NewContactAsync(job.CompanyId);
        var stranger = await outreach.NewUserAsync();

        await (await stranger.Client.PatchJsonAsync($"/api/contacts/{contactId}", new { fullName = "Mallory" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync($"/api/contacts/{contactId}")).ProblemAsync(HttpStatusCode.NotFound);

        var contact = await (await owner.Client.GetAsync($"/api/contacts/{contactId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Alex Helper", contact.Str("fullName"));
    }
}
