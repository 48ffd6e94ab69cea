using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Tests.Email;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>
/// A mailbox whose SMTP server cannot log it in (here: a server that offers no AUTH, as in the black-box run) is a
/// configuration error, not a transient one: its steps are not failed nor retried as transient, the mailbox shows
/// lastSendError, pauses itself after three such failures and tells the admins, and the step then leaves from a
/// mailbox that can send.
/// </summary>
public sealed class MailboxLoginRefusalTests : OutreachTest
{
    [Fact]
    public async Task A_mailbox_its_server_will_not_log_in_pauses_after_three_refusals_and_its_step_waits_for_one_that_can_send()
    {
        await using var noAuth = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtData);
        var address = $"sender-{Guid.NewGuid():N}@mail.roleferry.test";
        var added = await Silo.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).AddMailboxAsync(new NewMailbox(
            address, "mail.roleferry.test", "127.0.0.1", noAuth.Port, address, "smtp-secret", UseTls: false,
            DailyCap: 50, WarmupEnabled: false, MinGapSeconds: 0));
        var refusing = Silo.Grains.GetGrain<IMailboxGrain>(added.Mailbox!.Id);
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body")));

        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        var afterOne = await refusing.GetAsync();
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(MailboxStatuses.Active, afterOne.Status);
        Assert.Contains("offers no authentication", afterOne.LastSendError, StringComparison.Ordinal);
        var paused = await refusing.GetAsync();
        Assert.Equal(MailboxStatuses.Paused, paused.Status);
        Assert.Contains("did not log it in 3 times", paused.PausedReason, StringComparison.Ordinal);
        Assert.Equal(MailboxGrain.MaxLoginRefusals, noAuth.Connections);
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM notifications WHERE kind = 'mailbox_paused' AND audience = 'admins' AND body LIKE '%did not log it in%'"));
        var waiting = await Sequence(view.Id).GetAsync();
        Assert.Equal(SequenceStatuses.Active, waiting.Status);
        Assert.Equal("scheduled", waiting.Steps[0].Status);
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT attempts FROM outreach WHERE sequence_instance_id = $1", view.Id));

        // A mailbox that can send: the step leaves from it at its next try (an hour after no mailbox could take it).
        await AddMailboxAsync();
        await Clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        Assert.Equal(SequenceStatuses.Completed, (await Sequence(view.Id).GetAsync()).Status);
        Assert.Equal(MailboxGrain.MaxLoginRefusals, noAuth.Connections);
    }
}
