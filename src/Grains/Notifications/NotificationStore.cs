using Npgsql;

namespace RoleFerry.Grains.Notifications;

/// <summary>
/// Writes the notifications of <c>GET /api/notifications</c> where their cause is decided: a reply or a bounce (in the
/// transaction that applies it), an interview less than 24 hours away (the user grain's reminder), a mailbox that
/// paused itself (one notification for every admin). A completed sequence's notification is written by the trigger
/// <c>sequence_instances_completed</c> (0007) in the transaction of the grain's state write: no extra round trip on
/// the sending path. Each has a dedupe key, so writing
/// one twice (a retried event, a second wake-up) leaves one row. Titles and texts are built in SQL from the rows.
/// </summary>
public sealed class NotificationStore(NpgsqlDataSource db)
{
    /// <summary>How far ahead of an interview its <c>interview_soon</c> notification is due.</summary>
    public static readonly TimeSpan InterviewLead = TimeSpan.FromHours(24);

    private const string ReplySql =
        """
        INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
        SELECT o.user_id, 'reply', c.full_name || ' replied',
               'About ' || j.title || ' at ' || co.name || coalesce(': "' || o.subject || '"', '.'),
               '/api/sequences/' || o.sequence_instance_id, 'reply:' || $2, $3
        FROM outreach o
        JOIN contacts c ON c.id = o.contact_id
        JOIN applications a ON a.id = o.application_id
        JOIN jobs j ON j.id = a.job_id
        JOIN companies co ON co.id = j.company_id
        WHERE o.id = $1
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    private const string BounceSql =
        """
        INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
        SELECT o.user_id, 'bounce', 'Your email to ' || c.full_name || ' bounced',
               coalesce(o.to_email, c.email) || ' did not accept the email about ' || j.title || ' at ' || co.name
                   || '; the contact''s sequences stopped.',
               '/api/contacts/' || c.id, 'bounce:' || o.id, $2
        FROM outreach o
        JOIN contacts c ON c.id = o.contact_id
        JOIN applications a ON a.id = o.application_id
        JOIN jobs j ON j.id = a.job_id
        JOIN companies co ON co.id = j.company_id
        WHERE o.id = $1
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    /// <summary>The contact replied to one of the user's emails (<paramref name="eventId"/>: the reply event).</summary>
    public static Task ReplyAsync(NpgsqlConnection connection, long outreachId, string eventId, DateTimeOffset at) =>
        connection.ExecuteAsync(ReplySql, outreachId, eventId, at);

    /// <summary>One of the user's emails bounced (once per email, whichever way the bounce came).</summary>
    public static Task BounceAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at) =>
        connection.ExecuteAsync(BounceSql, outreachId, at);

    /// <summary><see cref="BounceAsync"/> as a command of a batch (the SMTP server refused the recipient).</summary>
    public static NpgsqlBatchCommand Bounce(long outreachId, DateTimeOffset at) => Sql.BatchCommand(BounceSql, outreachId, at);

    /// <summary>A mailbox paused itself (health below the threshold): one notification for every admin.</summary>
    public Task MailboxPausedAsync(long mailboxId, string reason, DateTimeOffset at) => db.ExecuteAsync(
        """
        INSERT INTO notifications (user_id, audience, kind, title, body, link, dedupe_key, created_at)
        SELECT NULL, 'admins', 'mailbox_paused', 'Mailbox ' || m.email || ' paused itself',
               'Health ' || m.health_score || ': ' || $2 || '. It sends again once an admin resumes it.',
               '/api/admin/mailboxes/' || m.id || '/health-log',
               'mailbox_paused:' || m.id || ':' || coalesce((SELECT max(l.id) FROM mailbox_health_logs l WHERE l.mailbox_id = m.id), 0),
               $3
        FROM mailboxes m
        WHERE m.id = $1 AND m.status = 'paused'
        ON CONFLICT (dedupe_key) DO NOTHING
        """,
        mailboxId, reason, at);

    /// <summary>
    /// Announces every pending interview of the user that is at most <see cref="InterviewLead"/> away (and not past),
    /// once per interview and scheduled time; returns how many were announced now.
    /// </summary>
    public Task<int> InterviewsSoonAsync(long userId, DateTimeOffset now) => db.ExecuteAsync(
        """
        INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
        SELECT a.user_id, 'interview_soon', 'Interview within 24 hours: ' || j.title || ' at ' || co.name,
               initcap(i.kind) || ' interview on '
                   || to_char(i.scheduled_at AT TIME ZONE u.timezone, 'Dy DD Mon YYYY, HH24:MI') || ' (' || u.timezone || ')'
                   || coalesce(' with ' || i.interviewer, '') || coalesce(', ' || i.location, '') || '.',
               '/api/applications/' || a.id || '/interviews',
               'interview_soon:' || i.id || ':' || extract(epoch FROM i.scheduled_at)::bigint, $2
        FROM interviews i
        JOIN applications a ON a.id = i.application_id AND a.deleted_at IS NULL
        JOIN users u ON u.id = a.user_id
        JOIN jobs j ON j.id = a.job_id
        JOIN companies co ON co.id = j.company_id
        WHERE a.user_id = $1 AND i.outcome = 'pending' AND i.scheduled_at > $2 AND i.scheduled_at <= $2 + $3
        ON CONFLICT (dedupe_key) DO NOTHING
        """,
        userId, now, InterviewLead);

    /// <summary>
    /// When the next <c>interview_soon</c> notification of the user is due (<see cref="InterviewLead"/> before its
    /// interview; possibly already past), or null when no pending future interview is left to announce.
    /// </summary>
    public async Task<DateTimeOffset?> NextInterviewReminderAsync(long userId, DateTimeOffset now)
    {
        await using var command = db.Command(
            """
            SELECT min(i.scheduled_at) - $3
            FROM interviews i
            JOIN applications a ON a.id = i.application_id AND a.deleted_at IS NULL
            WHERE a.user_id = $1 AND i.outcome = 'pending' AND i.scheduled_at > $2
              AND NOT EXISTS (SELECT 1 FROM notifications n
                              WHERE n.dedupe_key = 'interview_soon:' || i.id || ':' || extract(epoch FROM i.scheduled_at)::bigint)
            """,
            userId, now, InterviewLead);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetTimeOrNull(0) : null;
    }
}
