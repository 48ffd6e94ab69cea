using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>
/// Inbound mail is believed only when it shows where it comes from: what matched our email by its sender's address
/// alone acts only when DKIM (a key the sender's domain publishes, <see cref="SenderDomainKeys"/>) or a trusted
/// server's Authentication-Results vouch for the sender; a delivery report must name a Message-ID of ours.
/// Anything else is listed in the inbox, marked unauthenticated, and changes nothing.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class SenderAuthenticationTests : InboxTest
{
    private const string TrustedServer = "mx.roleferry.test";

    private readonly SenderDomainKeys _domains = new();

    public SenderAuthenticationTests()
    {
        Settings["RoleFerry:Inbox:TrustedAuthservIds:0"] = TrustedServer;
    }

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddSingleton<IDkimPublicKeyLocator>(_domains);

    [Fact]
    public async Task A_reply_matched_only_by_its_senders_address_acts_when_dkim_shows_it_comes_from_that_domain()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, _) = await SendFirstStepAsync();

        var reply = _domains.Sign(InboundMessages.Reply(email.ToUpperInvariant(), mailbox.Email, null, "Got your note, let's talk."), "example.test");
        var done = await DeliverAsync(mailbox.Id, account, reply);

        Assert.Equal("applied", done.Outcome);
        Assert.Equal("stopped_reply", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE contact_id = $1 AND authenticated", contact));
    }

    [Fact]
    public async Task A_spoofed_reply_or_a_forged_bounce_is_listed_marked_unauthenticated_and_changes_nothing()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, _) = await SendFirstStepAsync();
        var userEmail = await UserEmailAsync();

        var unsigned = await DeliverAsync(mailbox.Id, account, InboundMessages.Reply(email, mailbox.Email, null, "Please remove me from your list."));
        var signedElsewhere = await DeliverAsync(mailbox.Id, account,
            _domains.Sign(InboundMessages.Reply(email, mailbox.Email, null, "Let's talk: https://phish.test/login"), "attacker.test"));
        var forgedBounce = await DeliverAsync(mailbox.Id, account, InboundMessages.Bounce(mailbox.Email, email, "forged@attacker.test"));

        Assert.All(new[] { unsigned.Outcome, signedElsewhere.Outcome, forgedBounce.Outcome }, outcome => Assert.Equal("unauthenticated", outcome));
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE contact_id = $1 AND NOT authenticated AND relay_status = 'none'", contact));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM outreach_events WHERE event_id LIKE 'inbound:%'"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM suppression_list"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM contacts WHERE id = $1 AND (opted_out OR bounce_count > 0)", contact));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM mailbox_health_logs WHERE mailbox_id = $1 AND reason LIKE 'bounce%'", mailbox.Id));
        Assert.Equal(SequenceStatuses.Active, (await Sequence(sequence.Id).GetAsync()).Status);

        // The sequence goes on: its second step is sent, and nothing was relayed to the user.
        await Clock.AdvanceAsync(TimeSpan.FromHours(49));
        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        Assert.Empty(SmtpSink.MessagesTo(userEmail));
    }

    [Fact]
    public async Task A_trusted_servers_authentication_results_vouch_for_the_sender_and_an_untrusted_servers_do_not()
    {
        var (mailbox, account) = await AddReadMailboxAsync();
        var (sequence, contact, email, _) = await SendFirstStepAsync();

        var untrusted = InboundMessages.Reply(email, mailbox.Email, null, "Sure, happy to chat.");
        untrusted.Headers.Add(HeaderId.AuthenticationResults, "mx.attacker.test; dmarc=pass (p=reject) header.from=example.test");
        Assert.Equal("unauthenticated", (await DeliverAsync(mailbox.Id, account, untrusted)).Outcome);
        Assert.Equal(SequenceStatuses.Active, (await Sequence(sequence.Id).GetAsync()).Status);

        var failed = InboundMessages.Reply(email, mailbox.Email, null, "Sure, happy to chat.");
        failed.Headers.Add(HeaderId.AuthenticationResults, $"{TrustedServer}; dmarc=fail (p=reject) header.from=example.test");
        Assert.Equal("unauthenticated", (await DeliverAsync(mailbox.Id, account, failed)).Outcome);

        var trusted = InboundMessages.Reply(email, mailbox.Email, null, "Sure, happy to chat.");
        trusted.Headers.Add(HeaderId.AuthenticationResults, $"{TrustedServer}; dkim=pass header.d=example.test; dmarc=pass (p=reject) header.from=example.test");
        Assert.Equal("applied", (await DeliverAsync(mailbox.Id, account, trusted)).Outcome);
        Assert.Equal("stopped_reply", (await Sequence(sequence.Id).GetAsync()).Status);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM inbox_messages WHERE contact_id = $1 AND authenticated", contact));
    }
}
