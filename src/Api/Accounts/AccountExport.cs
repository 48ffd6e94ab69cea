using System.Text.Json.Nodes;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// <c>GET /api/me/export</c>: everything RoleFerry holds about a user, as one JSON document. Each section is one SQL
/// statement ($1 = the user) returning one JSON value; all run in one round trip, in one snapshot. Soft-deleted
/// applications are included (RoleFerry still holds them). A table that gains a user's rows must gain a section
/// here: <c>AccountExportCoverageTests</c> fails for any user-owned table no section reads.
/// </summary>
public static class AccountExport
{
    /// <summary>The sections, in document order: (property name, SQL returning one json value).</summary>
    public static readonly IReadOnlyList<(string Name, string Sql)> Sections =
    [
        ("account",
            """
            SELECT jsonb_build_object('id', u.id, 'email', u.email, 'fullName', u.full_name, 'mode', u.mode,
                   'timezone', u.timezone, 'subscriptionTier', u.subscription_tier, 'creditsRemaining', u.credits_remaining,
                   'lastLoginAt', u.last_login_at, 'createdAt', u.created_at, 'updatedAt', u.updated_at)
            FROM users u WHERE u.id = $1
            """),
        ("resume",
            """
            SELECT jsonb_build_object('roles', r.roles, 'keyMetrics', r.key_metrics, 'accomplishments', r.accomplishments,
                   'skills', to_jsonb(r.skills), 'education', r.education, 'rawText', r.raw_text, 'sourceFileId', r.source_file_id,
                   'createdAt', r.created_at, 'updatedAt', r.updated_at)
            FROM resumes r WHERE r.user_id = $1
            """),
        ("resumeFiles",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
                       'sizeBytes', f.size_bytes, 'parsingStatus', f.parsing_status, 'uploadedAt', f.uploaded_at,
                       'contentBase64', translate(encode(f.content, 'base64'), E'\n', '')) ORDER BY f.id), '[]')
            FROM resume_files f WHERE f.user_id = $1
            """),
        ("preferences",
            """
            SELECT jsonb_build_object('values', to_jsonb(p.work_values), 'roleTypes', to_jsonb(p.role_types),
                   'locations', to_jsonb(p.locations), 'remoteOk', p.remote_ok, 'roleLevels', to_jsonb(p.role_levels),
                   'companySizes', to_jsonb(p.company_sizes), 'industries', to_jsonb(p.industries), 'skills', to_jsonb(p.skills),
                   'hiddenCompanies', to_jsonb(p.hidden_companies), 'minSalary', p.min_salary, 'maxSalary', p.max_salary,
                   'createdAt', p.created_at, 'updatedAt', p.updated_at)
            FROM job_preferences p WHERE p.user_id = $1
            """),
        ("applications",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', a.id, 'jobId', a.job_id, 'job', jsonb_build_object('title', j.title, 'location', j.location),
                       'company', jsonb_build_object('id', co.id, 'name', co.name), 'status', a.status,
                       'matchScore', a.match_score, 'notes', a.notes, 'appliedAt', a.applied_at, 'lastActionAt', a.last_action_at,
                       'replyStatus', a.reply_status, 'resumeVersionId', a.resume_version_id, 'coverLetterId', a.cover_letter_id,
                       'createdAt', a.created_at, 'updatedAt', a.updated_at, 'deletedAt', a.deleted_at,
                       'history', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'fromStatus', h.from_status,
                                          'toStatus', h.to_status, 'cause', h.cause, 'changedAt', h.changed_at) ORDER BY h.changed_at, h.id), '[]')
                                   FROM application_status_history h WHERE h.application_id = a.id),
                       'interviews', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'scheduledAt', i.scheduled_at,
                                             'kind', i.kind, 'interviewer', i.interviewer, 'location', i.location, 'notes', i.notes,
                                             'outcome', i.outcome, 'createdAt', i.created_at, 'updatedAt', i.updated_at)
                                             ORDER BY i.scheduled_at, i.id), '[]')
                                      FROM interviews i WHERE i.application_id = a.id))
                   ORDER BY a.id), '[]')
            FROM applications a
            JOIN jobs j ON j.id = a.job_id
            JOIN companies co ON co.id = j.company_id
            WHERE a.user_id = $1
            """),
        ("resumeVersions",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'applicationId', v.application_id, 'summary', v.summary,
                       'skills', to_jsonb(v.skills), 'matchedSkills', to_jsonb(v.matched_skills),
                       'missingSkills', to_jsonb(v.missing_skills), 'roles', v.roles, 'createdAt', v.created_at,
                       'updatedAt', v.updated_at) ORDER BY v.id), '[]')
            FROM resume_versions v WHERE v.user_id = $1
            """),
        ("coverLetters",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'applicationId', l.application_id, 'templateId', l.template_id,
                       'body', l.body, 'createdAt', l.created_at, 'updatedAt', l.updated_at) ORDER BY l.id), '[]')
            FROM cover_letters l WHERE l.user_id = $1
            """),
        ("coverLetterTemplates",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'body', t.body, 'createdAt', t.created_at,
                       'updatedAt', t.updated_at) ORDER BY t.id), '[]')
            FROM cover_letter_templates t WHERE t.user_id = $1
            """),
        ("personas",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'description', p.description,
                       'titles', to_jsonb(p.titles), 'departments', to_jsonb(p.departments), 'seniorities', to_jsonb(p.seniorities),
                       'createdAt', p.created_at, 'updatedAt', p.updated_at) ORDER BY p.id), '[]')
            FROM personas p WHERE p.user_id = $1
            """),
        ("contacts",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', c.id, 'companyId', c.company_id, 'companyName', co.name, 'personaId', c.persona_id,
                       'fullName', c.full_name, 'firstName', c.first_name, 'lastName', c.last_name, 'email', c.email,
                       'title', c.title, 'source', c.source, 'timezone', c.timezone, 'linkedinUrl', c.linkedin_url,
                       'emailConfidence', c.email_confidence, 'bounceCount', c.bounce_count, 'spamReports', c.spam_reports,
                       'optedOut', c.opted_out, 'optedOutAt', c.opted_out_at, 'optedOutReason', c.opted_out_reason,
                       'lastContactedAt', c.last_contacted_at, 'createdAt', c.created_at, 'updatedAt', c.updated_at,
                       'sources', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'source', s.source, 'url', s.url,
                                          'foundAt', s.found_at) ORDER BY s.id), '[]')
                                   FROM contact_sources s WHERE s.contact_id = c.id),
                       'enrichmentLogs', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'provider', e.provider,
                                                 'status', e.status, 'payload', e.payload, 'createdAt', e.created_at) ORDER BY e.id), '[]')
                                          FROM enrichment_logs e WHERE e.contact_id = c.id))
                   ORDER BY c.id), '[]')
            FROM contacts c JOIN companies co ON co.id = c.company_id
            WHERE c.user_id = $1
            """),
        ("notes",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'applicationId', n.application_id, 'contactId', n.contact_id,
                       'body', n.body, 'createdAt', n.created_at, 'updatedAt', n.updated_at) ORDER BY n.id), '[]')
            FROM notes n WHERE n.user_id = $1
            """),
        ("templates",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'description', t.description,
                       'steps', t.steps, 'sendingWindow', t.sending_window, 'trackOpens', t.track_opens,
                       'trackClicks', t.track_clicks, 'createdAt', t.created_at, 'updatedAt', t.updated_at) ORDER BY t.id), '[]')
            FROM sequence_templates t WHERE t.user_id = $1
            """),
        ("sequences",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', si.id, 'applicationId', si.application_id, 'contactId', si.contact_id, 'templateId', si.template_id,
                       'template', si.template_snapshot, 'variables', si.variables, 'timezone', si.timezone, 'status', si.status,
                       'mailboxId', si.mailbox_id, 'currentStep', si.current_step, 'totalSteps', si.total_steps,
                       'nextStepAt', si.next_step_due_at, 'enrolledAt', si.enrolled_at, 'pausedAt', si.paused_at,
                       'stoppedAt', si.stopped_at, 'stopReason', si.stop_reason,
                       'steps', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                        'id', o.id, 'stepNo', o.step_no, 'status', o.status, 'toEmail', o.to_email,
                                        'subject', o.subject, 'bodyText', o.body_text, 'bodyHtml', o.body_html,
                                        'messageId', o.message_id, 'mailboxId', o.mailbox_id, 'scheduledAt', o.scheduled_at,
                                        'sentAt', o.sent_at, 'deliveredAt', o.delivered_at, 'openedAt', o.opened_at,
                                        'clickedAt', o.clicked_at, 'repliedAt', o.replied_at, 'bouncedAt', o.bounced_at,
                                        'openCount', o.open_count, 'clickCount', o.click_count, 'attempts', o.attempts,
                                        'error', o.error,
                                        'events', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'eventId', e.event_id,
                                                          'type', e.type, 'bounceType', e.bounce_type, 'reason', e.reason,
                                                          'occurredAt', e.occurred_at, 'receivedAt', e.received_at, 'payload', e.payload)
                                                          ORDER BY e.occurred_at, e.id), '[]')
                                                   FROM outreach_events e WHERE e.outreach_id = o.id))
                                        ORDER BY o.step_no), '[]')
                                 FROM outreach o WHERE o.sequence_instance_id = si.id))
                   ORDER BY si.id), '[]')
            FROM sequence_instances si WHERE si.user_id = $1
            """),
        ("livePages",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'applicationId', p.application_id, 'contactId', p.contact_id,
                       'slug', p.slug, 'title', p.title, 'content', p.content, 'createdAt', p.created_at, 'updatedAt', p.updated_at,
                       'views', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'viewedAt', v.viewed_at,
                                        'userAgent', v.user_agent) ORDER BY v.id), '[]')
                                 FROM livepage_views v WHERE v.livepage_id = p.id)) ORDER BY p.id), '[]')
            FROM livepages p WHERE p.user_id = $1
            """),
        ("inboxMessages",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'messageId', m.message_id, 'kind', m.kind,
                       'from', m.from_address, 'fromName', m.from_name, 'subject', m.subject, 'textBody', m.text_body,
                       'receivedAt', m.received_at, 'returnDate', m.return_date, 'bounceStatus', m.bounce_status,
                       'sequenceId', m.sequence_instance_id, 'applicationId', m.application_id,
                       'contactId', m.contact_id, 'readAt', m.read_at, 'relayStatus', m.relay_status,
                       'authenticated', m.authenticated) ORDER BY m.id), '[]')
            FROM inbox_messages m WHERE m.user_id = $1
            """),
        ("notifications",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'kind', n.kind, 'title', n.title, 'body', n.body,
                       'link', n.link, 'createdAt', n.created_at, 'readAt', n.read_at) ORDER BY n.id), '[]')
            FROM notifications n WHERE n.user_id = $1
            """),
        ("notificationReads",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('notificationId', r.notification_id, 'readAt', r.read_at)
                       ORDER BY r.notification_id), '[]')
            FROM notification_reads r WHERE r.user_id = $1
            """),
        ("creditLedger",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'delta', l.delta, 'balanceAfter', l.balance_after,
                       'reason', l.reason, 'ref', l.ref, 'createdAt', l.created_at) ORDER BY l.id), '[]')
            FROM credit_ledger l WHERE l.user_id = $1
            """),
        ("suppressions",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'email', s.email, 'reason', s.reason,
                       'createdAt', s.created_at) ORDER BY s.id), '[]')
            FROM suppression_list s WHERE s.user_id = $1
            """),
        ("optOuts",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('email', o.email, 'createdAt', o.created_at) ORDER BY o.email), '[]')
            FROM user_suppressions o WHERE o.user_id = $1
            """),
        ("loginFailures",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('client', f.client, 'failures', f.failures, 'lockouts', f.lockouts,
                       'lockedUntil', f.locked_until, 'updatedAt', f.updated_at) ORDER BY f.client), '[]')
            FROM login_failures f WHERE f.user_id = $1
            """),
        ("auditEvents",
            """
            SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'actor', e.actor, 'action', e.action,
                       'entityType', e.entity_type, 'entityId', e.entity_id, 'data', e.data, 'createdAt', e.created_at)
                       ORDER BY e.id), '[]')
            FROM audit_events e WHERE e.user_id = $1
            """),
    ];

    /// <summary>The document, or null when the user does not exist.</summary>
    public static async Task<JsonObject?> BuildAsync(NpgsqlDataSource db, long userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (_, sql) in Sections)
        {
            batch.BatchCommands.Add(Sql.BatchCommand($"SELECT ({sql})::text", userId));
        }

        var document = new JsonObject { ["format"] = "roleferry-export/1", ["exportedAt"] = now };
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            foreach (var (name, _) in Sections)
            {
                await reader.ReadAsync(ct);
                document[name] = reader.IsDBNull(0) ? null : JsonNode.Parse(reader.GetString(0));
                await reader.NextResultAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
        return document["account"] is null ? null : document;
    }
}
