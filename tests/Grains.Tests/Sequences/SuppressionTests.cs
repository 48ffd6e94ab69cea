using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// The suppression list is enforced for everyone: by the normalized address or its hash (what an erased user's
/// entries keep), at enrollment and in the claim before each send, without telling one user why another's outreach
/// suppressed an address; a user's own opt-out suppresses the address for that user only.
/// </summary>
public sealed class SuppressionTests : OutreachTest
{
    [Fact]
    public async Task An_address_suppressed_by_anyone_cannot_be_enrolled_even_when_only_its_hash_is_left()
    {
        await AddMailboxAsync();
        var (byAddress, email) = await AddContactAsync();
        await Seed.ExecuteAsync("INSERT INTO suppression_list (email, reason) VALUES (lower($1), 'unsubscribe')", email);
        var (byHash, hashed) = await AddContactAsync();
        await Seed.ExecuteAsync(
            "INSERT INTO suppression_list (email, email_hash, reason) VALUES (NULL, encode(sha256(convert_to(lower($1), 'UTF8')), 'hex'), 'hard_bounce')",
            hashed.ToUpperInvariant());
        var template = await AnyTimeTemplateAsync((0, "Hi", "Body"));

        var first = await User.EnrollAsync(new EnrollmentRequest(ApplicationId, byAddress, template, new Dictionary<string, string>()));
        var second = await User.EnrollAsync(new EnrollmentRequest(ApplicationId, byHash, template, new Dictionary<string, string>()));

        Assert.Equal(EnrollmentError.Suppressed, first.Error);
        Assert.Contains("suppressed", first.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe", first.Detail, StringComparison.Ordinal);
        Assert.Equal(EnrollmentError.Suppressed, second.Error);
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM sequence_instances"));
    }

    [Fact]
    public async Task A_step_whose_address_was_suppressed_meanwhile_by_another_users_outreach_is_canceled_without_its_reason()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (24, "Two", "2"), (24, "Three", "3")));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));

        // Another user's outreach to the same address hard-bounced.
        await Seed.ExecuteAsync("INSERT INTO suppression_list (email, reason) VALUES (lower($1), 'hard_bounce')", email);
        await Clock.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Single(SmtpSink.MessagesTo(email));
        var stopped = await Sequence(view.Id).GetAsync();
        // Another user's reason stays theirs: not "hard_bounce", nor stopped_bounce.
        Assert.Equal("stopped_optout", stopped.Status);
        Assert.Equal(["sent", "canceled", "canceled"], stopped.Steps.Select(s => s.Status));
        Assert.Equal("the address is suppressed", stopped.Steps[1].Error);
    }

    [Fact]
    public async Task A_users_own_opt_out_suppresses_the_address_for_that_user_only()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        Assert.True(await User.OptOutContactAsync(contact));
        var template = await AnyTimeTemplateAsync((0, "Hi", "Body"));

        var other = await Seed.UserAsync($"other-{Guid.NewGuid():N}@example.test", tier: "pro");
        var theirApplication = await Seed.ApplicationAsync(other, await Seed.JobAsync(CompanyId, "Staff Engineer"));
        var theirContact = await Seed.ContactAsync(other, CompanyId, email);
        var theirs = await Silo.Grains.GetGrain<IUserGrain>(other).EnrollAsync(new EnrollmentRequest(
            theirApplication, theirContact, await Seed.TemplateAsync(other, "t", [(0, "Hi", "Body")]), new Dictionary<string, string>()));
        // The same address at another company is another contact of the user's, not opted out itself.
        var again = await Seed.ContactAsync(UserId, await Seed.CompanyAsync("Globex", $"globex-{Guid.NewGuid():N}.test"), email.ToUpperInvariant());
        var mine = await User.EnrollAsync(new EnrollmentRequest(ApplicationId, again, template, new Dictionary<string, string>()));

        Assert.Null(theirs.Error);
        Assert.Equal(EnrollmentError.Suppressed, mine.Error);
        Assert.Contains("(opt_out)", mine.Detail, StringComparison.Ordinal);
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM suppression_list"));
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
    }

    [Fact]
    public async Task An_entry_of_the_users_own_outreach_gives_its_reason()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await Seed.ExecuteAsync("INSERT INTO suppression_list (email, reason, user_id) VALUES (lower($1), 'spam_report', $2)", email, UserId);

        var refused = await User.EnrollAsync(new EnrollmentRequest(ApplicationId, contact, await AnyTimeTemplateAsync((0, "Hi", "Body")), new Dictionary<string, string>()));

        Assert.Equal(EnrollmentError.Suppressed, refused.Error);
        Assert.Contains("(spam_report)", refused.Detail, StringComparison.Ordinal);
    }
}
