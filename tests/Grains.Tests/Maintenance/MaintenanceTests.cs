using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Interfaces.Maintenance;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Maintenance;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Tests.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Maintenance;

/// <summary>The daily housekeeping, run by its own periodic reminder at 03:00 UTC (the clock starts Monday 09:00).</summary>
public sealed class MaintenanceTests : OutreachTest
{
    private static readonly DateTimeOffset TuesdayThreeAm = new(2026, 11, 3, 3, 0, 0, TimeSpan.Zero);

    private IMaintenanceGrain Maintenance => Silo.Grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.PlatformKey);

    [Fact]
    public async Task The_daily_reminder_is_registered_once_for_the_next_three_am()
    {
        await Maintenance.EnsureScheduledAsync();
        await Maintenance.EnsureScheduledAsync();

        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM orleansreminderstable WHERE grainid = 'maintenance/platform' AND remindername = 'daily' AND starttime = $1 AND period = $2",
            TuesdayThreeAm.UtcDateTime, (long)TimeSpan.FromDays(1).TotalMilliseconds));
    }

    [Fact]
    public async Task Contacts_ninety_days_after_their_last_contact_are_deleted_but_opted_out_ones_stay_as_suppression()
    {
        var stale = await ContactLastContactedAsync(TimeSpan.FromDays(91));
        var suppressed = await ContactLastContactedAsync(TimeSpan.FromDays(200));
        await Seed.ExecuteAsync("UPDATE contacts SET opted_out = true, opted_out_at = last_contacted_at, opted_out_reason = 'unsubscribe' WHERE id = $1", suppressed);
        var recent = await ContactLastContactedAsync(TimeSpan.FromDays(89));
        var (neverContacted, _) = await AddContactAsync();
        await Maintenance.EnsureScheduledAsync();

        await Clock.AdvanceAsync(TuesdayThreeAm - Clock.GetUtcNow());

        var kept = await ContactIdsAsync();
        Assert.DoesNotContain(stale, kept);
        Assert.Equal([suppressed, recent, neverContacted], kept);
        // The daily reminder stays, ticking every day from its first 03:00.
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM orleansreminderstable WHERE grainid = 'maintenance/platform' AND starttime = $1 AND period = $2",
            TuesdayThreeAm.UtcDateTime, (long)TimeSpan.FromDays(1).TotalMilliseconds));
    }

    [Fact]
    public async Task A_run_cancels_the_queued_steps_of_a_job_that_expired_and_reports_what_it_did()
    {
        await AddMailboxAsync();
        var job = await Seed.JobAsync(CompanyId, "Contract Engineer", expiresAt: Clock.GetUtcNow().AddHours(6));
        var application = await Seed.ApplicationAsync(UserId, job);
        var (contact, email) = await AddContactAsync();
        var template = await AnyTimeTemplateAsync((0, "Hello", "One"), (48, "Again", "Two"));
        var enrolled = await User.EnrollAsync(new EnrollmentRequest(application, contact, template, new Dictionary<string, string>()));
        var stillOpen = await EnrollAsync((await AddContactAsync()).Id, template);
        await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        await Clock.AdvanceAsync(TimeSpan.FromHours(7));

        var report = await Maintenance.RunAsync();

        Assert.Equal(new MaintenanceReport(ContactsDeleted: 0, JobsExpired: 1, SequencesCanceled: 1), report);
        var canceled = await Sequence(enrolled.Sequence!.Id).GetAsync();
        Assert.Equal(SequenceStatuses.Canceled, canceled.Status);
        Assert.Equal(["sent", "canceled"], canceled.Steps.Select(s => s.Status));
        Assert.Equal(SequenceStatuses.Active, (await Sequence(stillOpen.Id).GetAsync()).Status);

        await Clock.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Single(SmtpSink.MessagesTo(email));
    }

    [Fact]
    public async Task A_sequence_enrolled_but_never_started_is_started_by_the_next_start_check()
    {
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        await Maintenance.EnsureScheduledAsync();
        var enrolled = await EnrollWithoutStartingAsync(contact, await AnyTimeTemplateAsync((0, "Hello", "Body")));

        await Clock.AdvanceAsync(new MaintenanceOptions().StartCheckPeriod);

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        var sequence = await Sequence(enrolled).GetAsync();
        Assert.Equal(Clock.GetUtcNow(), sequence.Steps[0].SentAt);
        Assert.Equal(SequenceStatuses.Completed, sequence.Status);
    }

    [Fact]
    public async Task A_sequence_that_cannot_start_does_not_keep_the_ones_enrolled_after_it_from_starting()
    {
        await AddMailboxAsync();
        await Maintenance.EnsureScheduledAsync();
        var template = await AnyTimeTemplateAsync((0, "Hello", "Body"));
        var broken = await EnrollWithoutStartingAsync((await AddContactAsync()).Id, template);
        var (contact, email) = await AddContactAsync();
        var healthy = await EnrollWithoutStartingAsync(contact, template);
        // The first one's snapshot has lost its steps: starting it throws, on every check.
        await Seed.ExecuteAsync("UPDATE sequence_instances SET template_snapshot = jsonb_set(template_snapshot, '{steps}', '[]') WHERE id = $1", broken);

        await Clock.AdvanceAsync(new MaintenanceOptions().StartCheckPeriod);

        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        Assert.Equal(SequenceStatuses.Completed, (await Sequence(healthy).GetAsync()).Status);
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM sequence_instances WHERE id = $1 AND status = 'active' AND next_step_due_at IS NULL", broken));
    }

    private async Task<long> ContactLastContactedAsync(TimeSpan ago)
    {
        var (id, _) = await AddContactAsync();
        await Seed.ExecuteAsync("UPDATE contacts SET last_contacted_at = $2 WHERE id = $1", id, (Clock.GetUtcNow() - ago).UtcDateTime);
        return id;
    }

    /// <summary>The enrollment's rows committed, as when the silo dies before the sequence grain schedules step 1.</summary>
    private async Task<long> EnrollWithoutStartingAsync(long contact, long template)
    {
        var enrollment = Silo.Services.GetRequiredService<SequenceEnrollment>();
        var committed = await enrollment.EnrollAsync(UserId,
            new EnrollmentRequest(ApplicationId, contact, template, new Dictionary<string, string>()), Clock.GetUtcNow());
        return committed.Sequence!.Id;
    }

    private async Task<List<long>> ContactIdsAsync()
    {
        var ids = new List<long>();
        await using var command = Db.CreateCommand("SELECT id FROM contacts ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
