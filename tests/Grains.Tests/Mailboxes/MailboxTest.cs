using RoleFerry.Grains.Mailboxes;
using Npgsql;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>Grain tests of mailboxes: adding them through the pool, sequence instances to reserve for, health logs.</summary>
public abstract class MailboxTest : GrainTest
{
    /// <summary>2026-11-<paramref name="day"/> at the given UTC time (the clock starts on Monday the 2nd at 09:00).</summary>
    protected static DateTimeOffset Nov(int day, int hour, int minute = 0, int second = 0) =>
        new(2026, 11, day, hour, minute, second, TimeSpan.Zero);

    protected static NewMailbox Mailbox(
        string email = "sender@mail.roleferry.test",
        int dailyCap = 50,
        bool warmup = false,
        int minGapSeconds = 0,
        string password = "app-password-1") =>
        new(email, "mail.roleferry.test", "smtp.roleferry.test", 587, email, password, true, dailyCap, warmup, minGapSeconds);

    protected static IMailboxPoolGrain Pool(ClusterSilo silo) => silo.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey);

    protected static IMailboxGrain MailboxGrain(ClusterSilo silo, long id) => silo.Grains.GetGrain<IMailboxGrain>(id);

    /// <summary>Adds a mailbox through the pool and returns its grain.</summary>
    protected static async Task<IMailboxGrain> AddAsync(ClusterSilo silo, NewMailbox mailbox) =>
        MailboxGrain(silo, (await Pool(silo).AddMailboxAsync(mailbox)).Mailbox!.Id);

    /// <summary>Real sequence_instances rows (reservations reference them): one user, job, application, a contact each.</summary>
    protected async Task<long[]> SequenceInstancesAsync(int count)
    {
        var userId = await Seed.UserAsync($"seeker{Guid.NewGuid():N}@example.test");
        var companyId = await Seed.CompanyAsync("Acme", $"acme{Guid.NewGuid():N}.test");
        var jobId = await Seed.JobAsync(companyId, "Platform Engineer");
        var applicationId = await Seed.ApplicationAsync(userId, jobId);
        await using var command = Db.CreateCommand(
            """
            WITH c AS (
                INSERT INTO contacts (user_id, company_id, full_name, email, source)
                SELECT $1, $2, 'Contact ' || g, 'contact' || g || '@acme.test', 'test' FROM generate_series(1, $4) AS g
                RETURNING id)
            INSERT INTO sequence_instances (user_id, application_id, contact_id, template_snapshot, total_steps)
            SELECT $1, $3, c.id, '{}'::jsonb, 3 FROM c
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        command.Parameters.Add(new NpgsqlParameter { Value = applicationId });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids.Order().ToArray();
    }

    /// <summary>Reserves one send per instance (step 1), asserting each is granted; returns the reservation ids.</summary>
    protected static async Task<long[]> ReserveAllAsync(IMailboxGrain mailbox, IEnumerable<long> instanceIds)
    {
        var reservations = new List<long>();
        foreach (var instanceId in instanceIds)
        {
            var result = await mailbox.Engine().TryReserveAsync(instanceId, 1);
            Assert.True(result.Granted, result.Reason);
            reservations.Add(result.ReservationId);
        }

        return reservations.ToArray();
    }

    protected async Task<IReadOnlyList<HealthLogRow>> HealthLogsAsync(long mailboxId)
    {
        await using var command = Db.CreateCommand(
            """
            SELECT health_score, bounce_rate_7d, spam_reports_7d, sends_7d, bounces_7d, status, reason, logged_at
            FROM mailbox_health_logs WHERE mailbox_id = $1 ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = mailboxId });
        var rows = new List<HealthLogRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new HealthLogRow(
                reader.GetInt16(0), reader.GetDecimal(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    protected async Task<long> LiveReservationsAsync(long mailboxId) =>
        await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE mailbox_id = $1 AND NOT released", mailboxId);
}
