using System.Data.Common;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Applications;

/// <summary>
/// The SQL of <c>GET /api/applications/{id}/timeline</c>: one list assembled from the rows that already hold each
/// event (no copy): status history, the application's emails (sent, first open, first click, bounce), the events
/// of those emails (replies, auto-replies, unsubscribes) and its interviews (scheduled; updated when changed after).
/// $1 application, $2 user: an application that is not the user's (or deleted) has no rows. Events at the same
/// instant keep their causal order: the application's creation first, a status change after the reply or interview
/// that caused it.
/// </summary>
public static class ApplicationTimeline
{
    private const string Events =
        """
        WITH app AS (
            SELECT id FROM applications WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
        ), mail AS (
            SELECT o.* FROM outreach o JOIN app ON app.id = o.application_id
        ), events (at, kind, ord, ref_id, from_status, to_status, cause, sequence_id, contact_id, step_no, subject, count,
                   detail, interview_id, scheduled_at, interview_kind) AS (
            SELECT h.changed_at, 'status_changed', CASE WHEN h.from_status IS NULL THEN 0 ELSE 9 END, h.id, h.from_status, h.to_status, h.cause,
                   NULL::bigint, NULL::bigint, NULL::int, NULL::text, NULL::int, NULL::text, NULL::bigint, NULL::timestamptz, NULL::text
            FROM application_status_history h JOIN app ON app.id = h.application_id
            UNION ALL
            SELECT m.sent_at, 'email_sent', 2, m.id, NULL, NULL, NULL, m.sequence_instance_id, m.contact_id, m.step_no, m.subject,
                   NULL, NULL, NULL, NULL, NULL
            FROM mail m WHERE m.sent_at IS NOT NULL
            UNION ALL
            SELECT m.opened_at, 'email_opened', 3, m.id, NULL, NULL, NULL, m.sequence_instance_id, m.contact_id, m.step_no, m.subject,
                   m.open_count, NULL, NULL, NULL, NULL
            FROM mail m WHERE m.opened_at IS NOT NULL
            UNION ALL
            SELECT m.clicked_at, 'email_clicked', 4, m.id, NULL, NULL, NULL, m.sequence_instance_id, m.contact_id, m.step_no, m.subject,
                   m.click_count, NULL, NULL, NULL, NULL
            FROM mail m WHERE m.clicked_at IS NOT NULL
            UNION ALL
            SELECT e.occurred_at,
                   CASE e.type WHEN 'reply' THEN 'reply_received' WHEN 'auto_reply' THEN 'auto_reply' ELSE 'unsubscribed' END,
                   5, e.id, NULL, NULL, NULL, m.sequence_instance_id, m.contact_id, m.step_no, m.subject, NULL, e.reason,
                   NULL, NULL, NULL
            FROM outreach_events e JOIN mail m ON m.id = e.outreach_id
            WHERE e.type IN ('reply', 'auto_reply', 'unsubscribe')
            UNION ALL
            SELECT m.bounced_at, 'bounced', 6, m.id, NULL, NULL, NULL, m.sequence_instance_id, m.contact_id, m.step_no, m.subject,
                   NULL, m.error, NULL, NULL, NULL
            FROM mail m WHERE m.bounced_at IS NOT NULL
            UNION ALL
            SELECT i.created_at, 'interview_scheduled', 7, i.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i.notes,
                   i.id, i.scheduled_at, i.kind
            FROM interviews i JOIN app ON app.id = i.application_id
            UNION ALL
            SELECT i.updated_at, 'interview_updated', 8, i.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i.outcome,
                   i.id, i.scheduled_at, i.kind
            FROM interviews i JOIN app ON app.id = i.application_id
            WHERE i.updated_at > i.created_at
        )
        """;

    /// <summary>How many events the timeline has ($1 application, $2 user).</summary>
    public const string Count = $"{Events} SELECT count(*) FROM events";

    /// <summary>One page of the timeline in time order ($1 application, $2 user, $3 limit, $4 offset).</summary>
    public const string Page =
        $"""
        {Events}
        SELECT * FROM events
        ORDER BY at, ord, ref_id
        LIMIT $3 OFFSET $4
        """;

    public static TimelineEntry Read(DbDataReader reader) => new(
        reader.Get<DateTimeOffset>("at"),
        reader.Get<string>("kind"),
        reader.GetStringOrNull("from_status"),
        reader.GetStringOrNull("to_status"),
        reader.GetStringOrNull("cause"),
        reader.GetOrNull<long>("sequence_id"),
        reader.GetOrNull<long>("contact_id"),
        reader.GetOrNull<int>("step_no"),
        reader.GetStringOrNull("subject"),
        reader.GetOrNull<int>("count"),
        reader.GetStringOrNull("detail"),
        reader.GetOrNull<long>("interview_id"),
        reader.GetOrNull<DateTimeOffset>("scheduled_at"),
        reader.GetStringOrNull("interview_kind"));
}
