using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// The suppression list is enforced for everyone: by the normalized address or its hash (what an erased user's
/// entries keep), at enrollment and in the claim before each send.
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
        Assert.Contains("unsubscribe", first.Detail, StringComparison.Ordinal);
        Assert.Equal(EnrollmentError.Suppressed, second.Error);
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM sequence_instances"));
    }

    [Fact]
    public async Task A_step_whose_address_was_suppressed_meanwhile_is_canceled_with_the_reason()
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
        Assert.Equal("stopped_bounce", stopped.Status);
        Assert.Equal(["sent", "canceled", "canceled"], stopped.Steps.Select(s => s.Status));
        Assert.Equal("the address is on the suppression list (hard_bounce)", stopped.Steps[1].Error);
    }
}
