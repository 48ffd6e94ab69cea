using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Tests.Support;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>What operators do with a mailbox: pause, resume, skip warm-up; and its secrets at rest.</summary>
public sealed class MailboxOperatorTests : MailboxTest
{
    [Fact]
    public async Task Pause_resume_and_activate_change_status_and_log_each_change()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(dailyCap: 50, warmup: true));
        var id = (await mailbox.GetAsync()).Id;
        var instance = (await SequenceInstancesAsync(1))[0];

        var paused = await mailbox.PauseAsync("  complaints from acme.test ");
        var refused = await mailbox.Engine().TryReserveAsync(instance, 1);
        var resumed = await mailbox.ResumeAsync();
        var activated = await mailbox.ActivateAsync();
        await mailbox.PauseAsync("dns change");
        var resumedActive = await mailbox.ResumeAsync();

        Assert.Equal(("paused", "complaints from acme.test", false), (paused.Status, paused.PausedReason, paused.Eligible));
        Assert.Equal(ReservationResult.Refuse("paused: complaints from acme.test", null), refused);
        Assert.Equal(("warmup", null, 10, true), (resumed.Status, resumed.PausedReason, resumed.EffectiveCap, resumed.Eligible));
        Assert.Equal(("active", false, 50), (activated.Status, activated.WarmupEnabled, activated.EffectiveCap));
        Assert.Equal(("active", null), (resumedActive.Status, resumedActive.PausedReason));
        Assert.Equal(
            [
                new HealthLogRow(100, 0m, 0, 0, 0, "paused", "paused: complaints from acme.test", Nov(2, 9)),
                new HealthLogRow(100, 0m, 0, 0, 0, "warmup", "resumed", Nov(2, 9)),
                new HealthLogRow(100, 0m, 0, 0, 0, "active", "activated: warm-up skipped", Nov(2, 9)),
                new HealthLogRow(100, 0m, 0, 0, 0, "paused", "paused: dns change", Nov(2, 9)),
                new HealthLogRow(100, 0m, 0, 0, 0, "active", "resumed", Nov(2, 9)),
            ],
            await HealthLogsAsync(id));
        Assert.Equal(1, await Seed.ScalarAsync("SELECT count(*) FROM mailboxes WHERE status = 'active' AND NOT warmup_enabled"));
        await Assert.ThrowsAsync<ArgumentException>(() => mailbox.PauseAsync(" "));
    }

    [Fact]
    public async Task Resuming_an_unhealthy_mailbox_keeps_it_paused()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox());
        var id = (await mailbox.GetAsync()).Id;
        var sent = await ReserveAllAsync(mailbox, await SequenceInstancesAsync(3));
        await mailbox.Engine().RecordSpamAsync(sent[0]);
        await mailbox.Engine().RecordSpamAsync(sent[1]);
        await mailbox.Engine().RecordSpamAsync(sent[2]);

        var resumed = await mailbox.ResumeAsync();

        Assert.Equal((40, "paused", "health below 50"), (resumed.HealthScore, resumed.Status, resumed.PausedReason));
        Assert.Equal("resumed; paused: health below 50", (await HealthLogsAsync(id))[^1].Reason);
    }

    [Fact]
    public async Task The_smtp_password_is_stored_encrypted_and_leaves_the_grain_sealed()
    {
        const string password = "correct horse battery staple";
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(email: "ada@mail.roleferry.test", password: password));

        await using var command = Db.CreateCommand("SELECT smtp_password_encrypted FROM mailboxes");
        var stored = (byte[])(await command.ExecuteScalarAsync())!;
        var plain = Encoding.UTF8.GetBytes(password);
        Assert.NotEqual(plain, stored);
        Assert.Equal(-1, stored.AsSpan().IndexOf(plain));
        var settings = await mailbox.Engine().GetSmtpSettingsAsync();
        Assert.Equal(
            new SmtpSettings("ada@mail.roleferry.test", "smtp.roleferry.test", 587, "ada@mail.roleferry.test", SecretProtector.Sealed(stored), true),
            settings);
        // What crosses between silos is the grain message: no plaintext password in it, only where it is used.
        var message = silo.Services.GetRequiredService<Serializer>().SerializeToArray(settings);
        Assert.Equal(-1, message.AsSpan().IndexOf(plain));
        Assert.Equal(password, silo.Services.GetRequiredService<SecretProtector>().Unseal(settings.Password));
    }

    [Fact]
    public async Task A_mailbox_without_smtp_credentials_relays_unauthenticated()
    {
        var silo = await StartSiloAsync();
        var mailbox = await AddAsync(silo, Mailbox(email: "relay@mail.roleferry.test", password: "") with { SmtpUsername = "" });

        var settings = await mailbox.Engine().GetSmtpSettingsAsync();

        Assert.Equal(("relay@mail.roleferry.test", "smtp.roleferry.test", 587, "", true), (settings.FromEmail, settings.Host, settings.Port, settings.Username, settings.UseTls));
        Assert.Equal("", silo.Services.GetRequiredService<SecretProtector>().Unseal(settings.Password));
    }

    [Fact]
    public async Task An_unknown_mailbox_is_not_found()
    {
        var silo = await StartSiloAsync();
        var missing = MailboxGrain(silo, 4242);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => missing.GetAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => missing.Engine().TryReserveAsync(1, 1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => missing.PauseAsync("no such mailbox"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => missing.Engine().GetSmtpSettingsAsync());
    }
}
