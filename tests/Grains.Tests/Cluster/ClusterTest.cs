using Npgsql;
using Orleans;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Cluster;

/// <summary>
/// Tests of several silos: an enterprise user (room for hundreds of live sequences) with an application, mailboxes
/// on the real SMTP sink, contacts with unique addresses, and what the sink and the rows say afterwards.
/// </summary>
public abstract class ClusterTest : GrainTest
{
    protected long UserId { get; private set; }

    protected long CompanyId { get; private set; }

    protected long ApplicationId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UserId = await Seed.UserAsync($"cluster-{Guid.NewGuid():N}@example.test", tier: "enterprise");
        CompanyId = await Seed.CompanyAsync("Initech", $"initech-{Guid.NewGuid():N}.test");
        ApplicationId = await Seed.ApplicationAsync(UserId, await Seed.JobAsync(CompanyId, "Site Reliability Engineer"));
    }

    protected async Task<ClusterSilo[]> StartSilosAsync(int count)
    {
        var silos = new List<ClusterSilo>();
        for (var i = 0; i < count; i++)
        {
            silos.Add(await StartSiloAsync());
        }

        return silos.ToArray();
    }

    protected async Task<long> AddMailboxAsync(int dailyCap)
    {
        var address = $"sender-{Guid.NewGuid():N}@mail.roleferry.test";
        var added = await Cluster.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).AddMailboxAsync(new NewMailbox(
            address, "mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, address, "smtp-secret", UseTls: false,
            dailyCap, WarmupEnabled: false, MinGapSeconds: 0));
        return added.Mailbox?.Id ?? throw new InvalidOperationException(added.Error);
    }

    /// <summary>Enrolls <paramref name="count"/> new contacts (unique addresses) in the template, a few at a time.</summary>
    protected async Task<IReadOnlyList<(long Sequence, string Email)>> EnrollAsync(int count, long templateId)
    {
        var user = Cluster.Grains.GetGrain<IUserGrain>(UserId);
        var enrolled = new List<(long, string)>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(20))
        {
            enrolled.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                var email = $"contact-{Guid.NewGuid():N}@example.test";
                var contact = await Seed.ContactAsync(UserId, CompanyId, email);
                var result = await user.EnrollAsync(new EnrollmentRequest(ApplicationId, contact, templateId, new Dictionary<string, string>()));
                return (result.Sequence?.Id ?? throw new InvalidOperationException(result.Detail), email);
            })));
        }

        return enrolled;
    }

    /// <summary>A template of the user's that may send at any time of any day.</summary>
    protected Task<long> AnyTimeTemplateAsync(params (double DelayHours, string Subject, string Body)[] steps) =>
        Seed.TemplateAsync(UserId, $"t-{Guid.NewGuid():N}", steps,
            """{"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"}""");

    /// <summary>Every step row: its sequence, step, status, error and Message-ID.</summary>
    protected async Task<IReadOnlyList<StepRow>> StepsAsync()
    {
        await using var command = Db.CreateCommand(
            "SELECT sequence_instance_id, step_no, status, error, message_id, mailbox_id, sent_at FROM outreach ORDER BY sequence_instance_id, step_no");
        var rows = new List<StepRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StepRow(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    /// <summary>Live reservations per (mailbox, UTC day) above the mailbox's daily cap: must be none.</summary>
    protected async Task<long> CapViolationsAsync()
    {
        await using var command = Db.CreateCommand(
            """
            SELECT count(*) FROM (
                SELECT r.mailbox_id, r.day FROM mailbox_reservations r JOIN mailboxes m ON m.id = r.mailbox_id
                WHERE NOT r.released GROUP BY r.mailbox_id, r.day, m.daily_cap HAVING count(*) > m.daily_cap) AS over
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A sequence's row, its wake-up reminder's row and which silo holds it, for a failure message.</summary>
    protected async Task<string> DescribeAsync(long sequence)
    {
        var grainId = Cluster.Grains.GetGrain<ISequenceGrain>(sequence).GetGrainId().ToString();
        await using var command = Db.CreateCommand(
            """
            SELECT format('status %s, step %s due %s, version %s; outreach %s; reminder %s', si.status, si.current_step,
                          si.next_step_due_at, si.version,
                          (SELECT string_agg(format('%s %s sent %s sched %s', o.step_no, o.status, o.sent_at, o.scheduled_at), ' | ' ORDER BY o.step_no) FROM outreach o WHERE o.sequence_instance_id = si.id),
                          coalesce((SELECT string_agg(format('from %s every %s ms, version %s', r.starttime, r.period, r.version), ', ') FROM orleansreminderstable r WHERE r.grainid = $2), 'none'))
            FROM sequence_instances si WHERE si.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId });
        return $"{(string)(await command.ExecuteScalarAsync())!}; held: {Clock.DescribeHeld(grainId)}";
    }

    /// <summary>What the SMTP sink received for these recipients, counted per bare Message-ID.</summary>
    protected static IReadOnlyDictionary<string, int> ReceivedByMessageId(IReadOnlyCollection<string> recipients) =>
        SmtpSink.MessagesTo(recipients)
            .GroupBy(m => m.Header("Message-ID").Trim('<', '>'))
            .ToDictionary(g => g.Key, g => g.Count());

    protected sealed record StepRow(long Sequence, int StepNo, string Status, string? Error, string? MessageId, long? MailboxId, DateTimeOffset? SentAt)
    {
        public bool OutcomeUnknown => Status == "failed" && Error?.StartsWith("outcome unknown", StringComparison.Ordinal) == true;
    }
}
