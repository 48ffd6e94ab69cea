namespace RoleFerry.Api.Analytics;

/// <summary>
/// The SQL of <c>GET /api/analytics/outreach</c> ($1 user, $2 from, $3 to, $4 groupBy or null): the user's emails that
/// left in [from, to) — by the time they left, their send claim (<c>claimed_at</c>; the claim is taken right before
/// SMTP and given back when SMTP defers) — read by an index-only range scan of <c>outreach_user_left_idx</c>; their
/// auto-replies and unsubscribes from outreach_events through <c>outreach_events_type_outreach_idx</c>; totals and
/// groups in one pass (GROUPING SETS). The first row is the totals.
/// </summary>
public static class OutreachAnalytics
{
    public const string Sql =
        """
        WITH sent AS (
            SELECT o.id, o.sequence_instance_id, o.step_no, o.mailbox_id, o.claimed_at, o.delivered_at, o.opened_at,
                   o.clicked_at, o.replied_at, o.bounced_at
            FROM outreach o
            WHERE o.user_id = $1 AND o.claimed_at >= $2 AND o.claimed_at < $3
              AND o.status IN ('sent', 'delivered', 'bounced', 'replied')
        ), answered AS (
            SELECT e.outreach_id, bool_or(e.type = 'auto_reply') AS auto_replied, bool_or(e.type = 'unsubscribe') AS unsubscribed
            FROM outreach_events e JOIN sent s ON s.id = e.outreach_id
            WHERE e.outreach_id IS NOT NULL AND e.type IN ('auto_reply', 'unsubscribe')
            GROUP BY e.outreach_id
        ), keyed AS (
            SELECT CASE $4::text
                       WHEN 'template' THEN coalesce(si.template_id::text, 'none')
                       WHEN 'step' THEN s.step_no::text
                       WHEN 'day' THEN to_char(s.claimed_at AT TIME ZONE u.timezone, 'YYYY-MM-DD')
                       WHEN 'mailbox' THEN coalesce(s.mailbox_id::text, 'none')
                   END AS key,
                   CASE $4::text
                       WHEN 'template' THEN coalesce(t.name, si.template_snapshot ->> 'name')
                       WHEN 'mailbox' THEN m.email
                   END AS label,
                   CASE $4::text WHEN 'step' THEN lpad(s.step_no::text, 10, '0') ELSE NULL END AS sort_key,
                   s.delivered_at, s.opened_at, s.clicked_at, s.replied_at, s.bounced_at,
                   coalesce(a.auto_replied, false) AS auto_replied, coalesce(a.unsubscribed, false) AS unsubscribed
            FROM sent s
            JOIN users u ON u.id = $1
            JOIN sequence_instances si ON si.id = s.sequence_instance_id AND si.user_id = $1
            LEFT JOIN sequence_templates t ON t.id = si.template_id
            LEFT JOIN mailboxes m ON m.id = s.mailbox_id
            LEFT JOIN answered a ON a.outreach_id = s.id
        )
        SELECT grouping(key) = 1 AS is_total, key, min(label) AS label,
               count(*) AS sent, count(delivered_at) AS delivered, count(opened_at) AS opened, count(clicked_at) AS clicked,
               count(replied_at) AS replied, count(*) FILTER (WHERE auto_replied) AS auto_replied,
               count(bounced_at) AS bounced, count(*) FILTER (WHERE unsubscribed) AS unsubscribed
        FROM keyed
        GROUP BY GROUPING SETS ((), (key))
        ORDER BY is_total DESC, min(coalesce(sort_key, key))
        """;
}
