using Npgsql;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Bench;

/// <summary>
/// The rows of a dispatch run, written with set-based SQL as enrollment would leave them, with step 1 due at
/// <see cref="DueAt"/>: <see cref="Steps"/> sequence instances of the platform template "Job Seeker Default" (3
/// steps, its sending window widened to any time), spread over users of the enterprise tier (<see cref="StepsPerUser"/>
/// each, one application per user), their 3 outreach rows each ('scheduled'), each sequence's wake-up reminder in
/// Orleans' reminder table (first tick <see cref="DueAt"/>, period 1 min, as <c>SequenceGrain</c> registers it), and
/// <see cref="Mailboxes"/> active mailboxes (no
/// warm-up, health 100, no minimum gap, no TLS, daily cap <see cref="MailboxCap"/>) on <see cref="SmtpHost"/>:<see cref="SmtpPort"/>.
/// Contacts' addresses are <c>contact-N@{ContactDomain}</c>, so a run's messages can be told apart in the SMTP sink.
/// </summary>
public sealed record DispatchSeed(
    int Steps,
    int StepsPerUser,
    int Mailboxes,
    int MailboxCap,
    string SmtpHost,
    int SmtpPort,
    byte[] EncryptedPassword,
    string ContactDomain,
    DateTimeOffset DueAt)
{
    private const string AnyTime = """{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "00:00", "end": "24:00"}""";

    public int Users => (Steps + StepsPerUser - 1) / StepsPerUser;

    /// <summary>The grain type name of <see cref="SequenceGrain"/> (its [GrainType]).</summary>
    public const string SequenceGrainType = "sequence";

    /// <summary>The product's wake-up period (<see cref="SequenceOptions.WakeUpPeriod"/>' default).</summary>
    public static readonly TimeSpan WakeUpPeriod = new SequenceOptions().WakeUpPeriod;

    /// <param name="withReminders">Write each sequence's wake-up reminder row too (false: the caller writes them).</param>
    public async Task WriteAsync(NpgsqlDataSource dataSource, bool withReminders = true)
    {
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO users (email, password_hash, full_name, mode, subscription_tier, timezone)
                SELECT 'dispatch-' || k || '@roleferry.bench', 'not-a-hash', 'Seeker ' || k, 'job_seeker', 'enterprise', 'UTC'
                FROM generate_series(1, $1) AS k
                """, Users));
            batch.BatchCommands.Add(Command(
                """
                WITH co AS (INSERT INTO companies (name, domain) VALUES ('Dispatch Co', $1) RETURNING id)
                INSERT INTO jobs (source, title, company_id, description)
                SELECT 'bench-dispatch', 'Platform Engineer', co.id, 'A job.' FROM co
                """, ContactDomain));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO applications (user_id, job_id, status, last_action_at)
                SELECT u.id, j.id, 'applied', now()
                FROM users u, jobs j
                WHERE u.email LIKE 'dispatch-%@roleferry.bench' AND j.source = 'bench-dispatch'
                """));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO contacts (user_id, company_id, full_name, first_name, last_name, email, source, timezone)
                SELECT u.id, co.id, 'Contact ' || g, 'Contact', g::text, 'contact-' || g || '@' || $2, 'bench-dispatch', 'UTC'
                FROM generate_series(1, $1) AS g
                JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users WHERE email LIKE 'dispatch-%@roleferry.bench') u
                  ON u.k = (g - 1) / $3 + 1
                JOIN companies co ON co.domain = $2
                """, Steps, ContactDomain, StepsPerUser));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO sequence_instances (user_id, application_id, contact_id, template_id, template_snapshot, variables,
                                                timezone, status, current_step, total_steps, next_step_due_at, enrolled_at)
                SELECT c.user_id, a.id, c.id, t.id,
                       jsonb_build_object('name', t.name, 'steps', t.steps, 'sendingWindow', $1::jsonb),
                       jsonb_build_object('first_name', c.first_name, 'last_name', c.last_name, 'full_name', c.full_name,
                                          'company', 'Dispatch Co', 'role', 'Platform Engineer', 'my_name', u.full_name),
                       'UTC', 'active', 1, jsonb_array_length(t.steps), $2, $2
                FROM contacts c
                JOIN users u ON u.id = c.user_id
                JOIN applications a ON a.user_id = c.user_id
                JOIN sequence_templates t ON t.is_platform AND t.name = 'Job Seeker Default'
                WHERE c.source = 'bench-dispatch'
                """, AnyTime, DueAt));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status, scheduled_at)
                SELECT si.id, si.user_id, si.application_id, si.contact_id, s, 'scheduled', CASE WHEN s = 1 THEN $1 END
                FROM sequence_instances si
                JOIN contacts c ON c.id = si.contact_id AND c.source = 'bench-dispatch'
                CROSS JOIN LATERAL generate_series(1, si.total_steps) AS s
                """, DueAt));
            batch.BatchCommands.Add(Command(
                """
                WITH d AS (INSERT INTO domains (domain) VALUES ('mail.' || $5) RETURNING id)
                INSERT INTO mailboxes (email, domain_id, smtp_host, smtp_port, smtp_username, smtp_password_encrypted, use_tls,
                                       daily_cap, warmup_enabled, min_gap_seconds, status, health_score)
                SELECT 'sender' || g || '@mail.' || $5, d.id, $3, $4, 'sender' || g || '@mail.' || $5, $6, false, $2, false, 0, 'active', 100
                FROM d, generate_series(1, $1) AS g
                """, Mailboxes, MailboxCap, SmtpHost, SmtpPort, ContactDomain, EncryptedPassword));
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        if (withReminders)
        {
            var ids = await IdsAsync(dataSource);
            await OrleansReminderRows.InsertAsync(dataSource, SequenceGrainType, SequenceGrain.WakeUpReminder, WakeUpPeriod,
                ids, ids.Select(_ => OrleansReminderRows.ToMilliseconds(DueAt)).ToArray());
        }

        await using var analyze = dataSource.CreateCommand(StatementCounter.Mark + "ANALYZE");
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The seeded sequence instances' ids, ascending.</summary>
    public async Task<long[]> IdsAsync(NpgsqlDataSource dataSource)
    {
        var ids = new List<long>();
        await using (var select = dataSource.CreateCommand(
                         StatementCounter.Mark + """
                         SELECT si.id FROM sequence_instances si JOIN contacts c ON c.id = si.contact_id AND c.source = 'bench-dispatch'
                         ORDER BY si.id
                         """))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        if (ids.Count != Steps)
        {
            throw new InvalidOperationException($"Seeded {ids.Count} sequence instances, expected {Steps}.");
        }

        return ids.ToArray();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
