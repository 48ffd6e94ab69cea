-- RoleFerry product schema (PostgreSQL 15).
--
-- Conventions:
--   * ids are bigint identities (API ids are integers); every time is timestamptz (UTC on the wire).
--   * closed vocabularies are text + CHECK (no enums), so adding a value is one ALTER ... CHECK.
--   * emails are stored as given and compared case-insensitively: uniqueness is on lower(email), so look
--     them up with  WHERE lower(email) = lower(@email).
--   * rows owned by a grain (users, mailboxes, sequence_templates, sequence_instances) carry
--     version bigint; grain storage writes  UPDATE ... WHERE id = @id AND version = @version
--     SET version = version + 1 ... RETURNING version.
--   * everything is CREATE ... IF NOT EXISTS / CREATE OR REPLACE, so re-running this file is harmless.

-- ---------------------------------------------------------------------------------------------------------
-- Accounts and profile
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS users (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               text        NOT NULL,
    password_hash       text        NOT NULL,
    full_name           text        NOT NULL,
    mode                text        NOT NULL DEFAULT 'job_seeker',
    subscription_tier   text        NOT NULL DEFAULT 'free',
    timezone            text        NOT NULL DEFAULT 'UTC',         -- IANA name, e.g. 'Europe/Paris'
    -- Wallet balance; every change also appends a credit_ledger row (same transaction) whose
    -- balance_after equals the new value. The ledger is the history, this column the fast read.
    credits_remaining   integer     NOT NULL DEFAULT 0,
    failed_login_count  integer     NOT NULL DEFAULT 0,
    locked_until        timestamptz NULL,
    last_login_at       timestamptz NULL,
    version             bigint      NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_format       CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 320),
    CONSTRAINT users_mode_valid         CHECK (mode IN ('job_seeker', 'recruiter')),
    CONSTRAINT users_tier_valid         CHECK (subscription_tier IN ('free', 'pro', 'teams', 'enterprise')),
    CONSTRAINT users_credits_nonneg     CHECK (credits_remaining >= 0),
    CONSTRAINT users_failed_logins_nonneg CHECK (failed_login_count >= 0)
);
-- Duplicate email (case-insensitive) -> 23505 on users_email_key -> 409.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (lower(email));

-- One resume per user (PUT replaces it).
CREATE TABLE IF NOT EXISTS resumes (
    user_id         bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    roles           jsonb       NOT NULL DEFAULT '[]',   -- [{"title": "...", "company": "...", "tenure": "..."}]
    key_metrics     jsonb       NOT NULL DEFAULT '[]',
    accomplishments jsonb       NOT NULL DEFAULT '[]',
    skills          text[]      NOT NULL DEFAULT '{}',
    raw_text        text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resumes_roles_array           CHECK (jsonb_typeof(roles) = 'array'),
    CONSTRAINT resumes_key_metrics_array     CHECK (jsonb_typeof(key_metrics) = 'array'),
    CONSTRAINT resumes_accomplishments_array CHECK (jsonb_typeof(accomplishments) = 'array')
);

-- One preference set per user (PUT replaces it).
CREATE TABLE IF NOT EXISTS job_preferences (
    user_id          bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    work_values      text[]      NOT NULL DEFAULT '{}',   -- API "values" (VALUES is a reserved word in SQL)
    role_types       text[]      NOT NULL DEFAULT '{}',
    locations        text[]      NOT NULL DEFAULT '{}',
    remote_ok        boolean     NULL,                     -- NULL = no preference
    role_levels      text[]      NOT NULL DEFAULT '{}',
    company_sizes    text[]      NOT NULL DEFAULT '{}',
    industries       text[]      NOT NULL DEFAULT '{}',
    skills           text[]      NOT NULL DEFAULT '{}',
    -- Companies the user never wants to see: company names or domains, stored lower-cased (domains
    -- without "www."). A job is hidden when its company's lower(name) or domain_normalized is listed.
    -- Names rather than company ids, so a company can be hidden before it is in the catalogue.
    hidden_companies text[]      NOT NULL DEFAULT '{}',
    min_salary       integer     NULL,
    max_salary       integer     NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT job_preferences_salary_nonneg CHECK ((min_salary IS NULL OR min_salary >= 0) AND (max_salary IS NULL OR max_salary >= 0)),
    CONSTRAINT job_preferences_salary_range  CHECK (min_salary IS NULL OR max_salary IS NULL OR min_salary <= max_salary)
);

-- ---------------------------------------------------------------------------------------------------------
-- Companies and jobs (a shared catalogue, not owned by a user)
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS companies (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL,
    domain             text        NOT NULL,                 -- host name as given, e.g. 'www.Acme.com'
    -- 'acme.com': lower case, trimmed, without a leading 'www.'. POST /api/companies with a known domain
    -- answers the existing row: INSERT ... ON CONFLICT (domain_normalized) DO NOTHING, then SELECT.
    domain_normalized  text        GENERATED ALWAYS AS (regexp_replace(lower(btrim(domain)), '^www\.', '')) STORED,
    size               text        NULL,                     -- e.g. '1-10', '11-50', '5001+'
    industry           text        NULL,
    website            text        NULL,
    linkedin_url       text        NULL,
    created_by_user_id bigint      NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT companies_name_not_blank   CHECK (btrim(name) <> ''),
    CONSTRAINT companies_domain_not_blank CHECK (btrim(domain) <> '')
);
CREATE UNIQUE INDEX IF NOT EXISTS companies_domain_normalized_key ON companies (domain_normalized);
-- GET /api/companies?query= (prefix match on lower(name)).
CREATE INDEX IF NOT EXISTS companies_name_lower_idx ON companies (lower(name) text_pattern_ops);

CREATE TABLE IF NOT EXISTS jobs (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_id        text        NULL,     -- unique when present (NULLs are distinct)
    source             text        NOT NULL, -- e.g. 'manual', 'greenhouse', 'lever', 'linkedin'
    title              text        NOT NULL,
    company_id         bigint      NOT NULL REFERENCES companies (id),
    location           text        NULL,
    remote             boolean     NOT NULL DEFAULT false,
    job_type           text        NULL,     -- e.g. 'full_time', 'part_time', 'contract', 'internship'
    description        text        NULL,
    comp_min           integer     NULL,
    comp_max           integer     NULL,
    posted_date        timestamptz NULL,
    expires_at         timestamptz NULL,     -- NULL = does not expire
    created_by_user_id bigint      NULL REFERENCES users (id) ON DELETE SET NULL,
    search             tsvector    GENERATED ALWAYS AS
                           (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_external_id_key UNIQUE (external_id),
    CONSTRAINT jobs_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT jobs_comp_nonneg     CHECK ((comp_min IS NULL OR comp_min >= 0) AND (comp_max IS NULL OR comp_max >= 0)),
    CONSTRAINT jobs_comp_range      CHECK (comp_min IS NULL OR comp_max IS NULL OR comp_min <= comp_max)
);
-- GET /api/jobs?query=  ->  WHERE search @@ websearch_to_tsquery('english', @query)
CREATE INDEX IF NOT EXISTS jobs_search_idx      ON jobs USING gin (search);
CREATE INDEX IF NOT EXISTS jobs_company_idx     ON jobs (company_id);
CREATE INDEX IF NOT EXISTS jobs_expires_at_idx  ON jobs (expires_at);
CREATE INDEX IF NOT EXISTS jobs_posted_date_idx ON jobs (posted_date DESC);

-- Skills extracted from a job's text, lower-cased, for matching against resume / preference skills.
CREATE TABLE IF NOT EXISTS job_keywords (
    job_id     bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    keyword    text   NOT NULL,
    PRIMARY KEY (job_id, keyword),
    CONSTRAINT job_keywords_lower CHECK (keyword = lower(keyword) AND btrim(keyword) <> '')
);
CREATE INDEX IF NOT EXISTS job_keywords_keyword_idx ON job_keywords (keyword);

-- ---------------------------------------------------------------------------------------------------------
-- Applications (the tracker)
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS applications (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id         bigint      NOT NULL REFERENCES jobs (id),
    status         text        NOT NULL DEFAULT 'saved',
    match_score    smallint    NULL,
    notes          text        NULL,
    applied_at     timestamptz NULL,
    last_action_at timestamptz NOT NULL DEFAULT now(),
    -- Latest contact reaction over the application's outreach (set by the system from email events).
    reply_status   text        NOT NULL DEFAULT 'none',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- DELETE /api/applications/{id} soft-deletes (sets deleted_at): the outreach, its events and the
    -- mailbox statistics built on them stay. Every read filters  deleted_at IS NULL.
    deleted_at     timestamptz NULL,
    CONSTRAINT applications_status_valid       CHECK (status IN ('saved', 'applied', 'interviewing', 'offer', 'rejected')),
    CONSTRAINT applications_match_score_range  CHECK (match_score IS NULL OR match_score BETWEEN 0 AND 100),
    CONSTRAINT applications_reply_status_valid CHECK (reply_status IN ('none', 'replied', 'auto_replied', 'bounced', 'unsubscribed'))
);
-- Same job twice for one user -> 23505 on applications_user_job_key -> 409 (a deleted one does not count).
CREATE UNIQUE INDEX IF NOT EXISTS applications_user_job_key ON applications (user_id, job_id) WHERE deleted_at IS NULL;
-- GET /api/applications: the tracker, ordered by last_action_at desc.
CREATE INDEX IF NOT EXISTS applications_user_last_action_idx ON applications (user_id, last_action_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS applications_job_idx ON applications (job_id);

CREATE TABLE IF NOT EXISTS application_status_history (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_status    text        NULL,   -- NULL for the creation entry
    to_status      text        NOT NULL,
    cause          text        NOT NULL,
    changed_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_status_history_from_valid  CHECK (from_status IS NULL OR from_status IN ('saved', 'applied', 'interviewing', 'offer', 'rejected')),
    CONSTRAINT application_status_history_to_valid    CHECK (to_status IN ('saved', 'applied', 'interviewing', 'offer', 'rejected')),
    CONSTRAINT application_status_history_cause_valid CHECK (cause IN ('user', 'system'))
);
CREATE INDEX IF NOT EXISTS application_status_history_app_idx ON application_status_history (application_id, changed_at, id);

CREATE TABLE IF NOT EXISTS interviews (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    scheduled_at   timestamptz NOT NULL,
    kind           text        NOT NULL DEFAULT 'other',
    notes          text        NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT interviews_kind_valid CHECK (kind IN ('phone_screen', 'recruiter', 'hiring_manager', 'technical', 'onsite', 'panel', 'final', 'other'))
);
CREATE INDEX IF NOT EXISTS interviews_application_idx ON interviews (application_id, scheduled_at);

-- ---------------------------------------------------------------------------------------------------------
-- Contacts
-- ---------------------------------------------------------------------------------------------------------

-- Target persona a user looks for at a company (e.g. "Engineering manager").
CREATE TABLE IF NOT EXISTS personas (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    description text        NULL,
    titles      text[]      NOT NULL DEFAULT '{}',   -- job titles that fit, e.g. {'VP Engineering','CTO'}
    departments text[]      NOT NULL DEFAULT '{}',
    seniorities text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT personas_name_not_blank CHECK (btrim(name) <> '')
);
CREATE INDEX IF NOT EXISTS personas_user_idx ON personas (user_id);

-- Contacts are private to the user who added them.
CREATE TABLE IF NOT EXISTS contacts (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id        bigint      NOT NULL REFERENCES companies (id),
    persona_id        bigint      NULL REFERENCES personas (id) ON DELETE SET NULL,
    full_name         text        NOT NULL,
    first_name        text        NULL,
    last_name         text        NULL,
    email             text        NOT NULL,
    title             text        NULL,
    source            text        NOT NULL,     -- e.g. 'manual', 'apollo', 'hunter', 'linkedin'
    timezone          text        NULL,         -- IANA name; sending windows use it first
    linkedin_url      text        NULL,
    email_confidence  smallint    NULL,
    bounce_count      integer     NOT NULL DEFAULT 0,
    spam_reports      integer     NOT NULL DEFAULT 0,
    opted_out         boolean     NOT NULL DEFAULT false,
    opted_out_at      timestamptz NULL,
    opted_out_reason  text        NULL,         -- e.g. 'user', 'unsubscribe', 'spam_report', 'bounce'
    last_contacted_at timestamptz NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_email_format     CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 320),
    CONSTRAINT contacts_confidence_range CHECK (email_confidence IS NULL OR email_confidence BETWEEN 0 AND 100),
    CONSTRAINT contacts_counts_nonneg    CHECK (bounce_count >= 0 AND spam_reports >= 0),
    CONSTRAINT contacts_opt_out_stamped  CHECK (opted_out = (opted_out_at IS NOT NULL))
);
-- Same email at the same company for the same user -> the existing contact
-- (INSERT ... ON CONFLICT (user_id, company_id, lower(email)) DO NOTHING, then SELECT).
CREATE UNIQUE INDEX IF NOT EXISTS contacts_user_company_email_key ON contacts (user_id, company_id, lower(email));
CREATE INDEX IF NOT EXISTS contacts_company_idx     ON contacts (company_id);
CREATE INDEX IF NOT EXISTS contacts_email_lower_idx ON contacts (lower(email));

-- Where a contact was found.
CREATE TABLE IF NOT EXISTS contact_sources (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    source     text        NOT NULL,
    url        text        NULL,
    found_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS contact_sources_contact_source_url_key ON contact_sources (contact_id, source, coalesce(url, ''));

-- Calls to enrichment providers (email finders / verifiers) about a contact.
CREATE TABLE IF NOT EXISTS enrichment_logs (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    provider   text        NOT NULL,
    status     text        NOT NULL,
    payload    jsonb       NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrichment_logs_status_valid CHECK (status IN ('pending', 'success', 'not_found', 'error'))
);
CREATE INDEX IF NOT EXISTS enrichment_logs_contact_idx ON enrichment_logs (contact_id, created_at DESC);

-- A user's notes on an application and/or a contact.
CREATE TABLE IF NOT EXISTS notes (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id bigint      NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id     bigint      NULL REFERENCES contacts (id) ON DELETE CASCADE,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notes_has_subject CHECK (application_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS notes_application_idx ON notes (application_id, created_at) WHERE application_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS notes_contact_idx     ON notes (contact_id, created_at)     WHERE contact_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------
-- Sequences
-- ---------------------------------------------------------------------------------------------------------

-- Steps are jsonb (no step table): [{"stepNo": 1, "delayHours": 0, "subject": "...", "body": "..."}, ...]
-- stepNo 1..n contiguous, delayHours numeric >= 0 (fractions allowed) from the previous step's send
-- (step 1: from enrolment). sending_window: {"days": ["mon",...], "start": "HH:MM", "end": "HH:MM"} or NULL
-- (= mon-fri 08:00-18:00). The API validates the step contents; the database checks the shape.
CREATE TABLE IF NOT EXISTS sequence_templates (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NULL REFERENCES users (id) ON DELETE CASCADE,   -- NULL = platform template
    is_platform    boolean     NOT NULL DEFAULT false,
    name           text        NOT NULL,
    description    text        NULL,
    steps          jsonb       NOT NULL,
    sending_window jsonb       NULL,
    version        bigint      NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sequence_templates_owner         CHECK (is_platform = (user_id IS NULL)),
    CONSTRAINT sequence_templates_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT sequence_templates_steps_shape   CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) >= 1),
    CONSTRAINT sequence_templates_window_shape  CHECK (sending_window IS NULL OR jsonb_typeof(sending_window) = 'object')
);
CREATE INDEX IF NOT EXISTS sequence_templates_user_idx ON sequence_templates (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS sequence_templates_platform_name_key ON sequence_templates (name) WHERE is_platform;

-- ---------------------------------------------------------------------------------------------------------
-- Sending infrastructure
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS domains (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain     text        NOT NULL,          -- lower case, e.g. 'mail.roleferry.com'
    spf_ok     boolean     NOT NULL DEFAULT false,
    dkim_ok    boolean     NOT NULL DEFAULT false,
    dmarc_ok   boolean     NOT NULL DEFAULT false,
    checked_at timestamptz NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT domains_domain_key   UNIQUE (domain),
    CONSTRAINT domains_domain_lower CHECK (domain = lower(btrim(domain)) AND domain <> '')
);

CREATE TABLE IF NOT EXISTS mailboxes (
    id                      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email                   text        NOT NULL,
    domain_id               bigint      NOT NULL REFERENCES domains (id),
    smtp_host               text        NOT NULL,
    smtp_port               integer     NOT NULL,
    smtp_username           text        NOT NULL,
    smtp_password_encrypted bytea       NOT NULL,   -- Data Protection ciphertext; never returned
    use_tls                 boolean     NOT NULL DEFAULT true,
    daily_cap               integer     NOT NULL,
    warmup_enabled          boolean     NOT NULL DEFAULT true,
    warmup_started_at       timestamptz NULL,
    min_gap_seconds         integer     NOT NULL DEFAULT 0,
    status                  text        NOT NULL DEFAULT 'warmup',
    health_score            smallint    NOT NULL DEFAULT 100,
    sent_today              integer     NOT NULL DEFAULT 0,
    sent_day                date        NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,  -- UTC day sent_today counts
    last_sent_at            timestamptz NULL,
    paused_reason           text        NULL,
    health_checked_at       timestamptz NULL,
    version                 bigint      NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailboxes_email_format      CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT mailboxes_smtp_port_range   CHECK (smtp_port BETWEEN 1 AND 65535),
    CONSTRAINT mailboxes_daily_cap_pos     CHECK (daily_cap > 0),
    CONSTRAINT mailboxes_min_gap_nonneg    CHECK (min_gap_seconds >= 0),
    CONSTRAINT mailboxes_status_valid      CHECK (status IN ('warmup', 'active', 'paused')),
    CONSTRAINT mailboxes_health_range      CHECK (health_score BETWEEN 0 AND 100),
    CONSTRAINT mailboxes_sent_today_nonneg CHECK (sent_today >= 0)
);
CREATE UNIQUE INDEX IF NOT EXISTS mailboxes_email_key ON mailboxes (lower(email));
CREATE INDEX IF NOT EXISTS mailboxes_domain_idx ON mailboxes (domain_id);

-- One enrolled contact in one sequence; the row the sequence grain owns.
CREATE TABLE IF NOT EXISTS sequence_instances (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id    bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id        bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    template_id       bigint      NULL REFERENCES sequence_templates (id) ON DELETE SET NULL,
    template_snapshot jsonb       NOT NULL,   -- the template row (name, steps, sending_window) at enrolment
    variables         jsonb       NOT NULL DEFAULT '{}',   -- {"first_name": "Ada", ...}, built-ins resolved
    timezone          text        NULL,       -- resolved sending-window timezone (contact's, else user's, else UTC)
    status            text        NOT NULL DEFAULT 'active',
    mailbox_id        bigint      NULL REFERENCES mailboxes (id) ON DELETE SET NULL,  -- sender of step 1, kept while eligible
    current_step      integer     NOT NULL DEFAULT 1,   -- stepNo of the next step to send (the last one once finished)
    total_steps       integer     NOT NULL,
    next_step_due_at  timestamptz NULL,       -- NULL when nothing is scheduled (paused / finished)
    enrolled_at       timestamptz NOT NULL DEFAULT now(),
    paused_at         timestamptz NULL,
    stopped_at        timestamptz NULL,       -- when it reached a final status
    stop_reason       text        NULL,
    version           bigint      NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sequence_instances_status_valid CHECK (status IN ('active', 'paused', 'completed', 'stopped_reply',
                                                                 'stopped_bounce', 'stopped_optout', 'canceled', 'failed')),
    CONSTRAINT sequence_instances_steps_valid  CHECK (total_steps >= 1 AND current_step BETWEEN 1 AND total_steps),
    CONSTRAINT sequence_instances_variables_object CHECK (jsonb_typeof(variables) = 'object')
);
-- The same contact active (or paused) twice in sequences of one application -> 23505 -> 409.
CREATE UNIQUE INDEX IF NOT EXISTS sequence_instances_one_live_key
    ON sequence_instances (application_id, contact_id) WHERE status IN ('active', 'paused');
-- Opt-out / reply / bounce: stop every live sequence to a contact.
CREATE INDEX IF NOT EXISTS sequence_instances_contact_live_idx
    ON sequence_instances (contact_id) WHERE status IN ('active', 'paused');
-- Tier quota: active sequences per user.
CREATE INDEX IF NOT EXISTS sequence_instances_user_status_idx ON sequence_instances (user_id, status);
CREATE INDEX IF NOT EXISTS sequence_instances_application_idx ON sequence_instances (application_id);

-- One row per (sequence instance, step): the send claim. Before SMTP the row is claimed by a committed
-- conditional update (status 'scheduled' -> 'sending'); the unique pair makes a second claim impossible.
-- A 'sending' row found after a crash is set to 'failed' with error 'outcome unknown', never resent.
CREATE TABLE IF NOT EXISTS outreach (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sequence_instance_id bigint      NOT NULL REFERENCES sequence_instances (id) ON DELETE CASCADE,
    user_id              bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id       bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id           bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    mailbox_id           bigint      NULL REFERENCES mailboxes (id) ON DELETE SET NULL,
    step_no              integer     NOT NULL,
    to_email             text        NULL,      -- recipient address at send time
    subject              text        NULL,      -- rendered; NULL until rendered
    body_text            text        NULL,
    body_html            text        NULL,
    message_id           text        NULL,      -- our Message-ID without the angle brackets, e.g. 'abc@mail.roleferry.com'
    status               text        NOT NULL DEFAULT 'scheduled',
    scheduled_at         timestamptz NULL,      -- when the step is due (NULL while the previous step has not left)
    claimed_at           timestamptz NULL,
    sent_at              timestamptz NULL,
    delivered_at         timestamptz NULL,
    bounced_at           timestamptz NULL,
    replied_at           timestamptz NULL,
    opened_at            timestamptz NULL,      -- first open
    clicked_at           timestamptz NULL,      -- first click
    open_count           integer     NOT NULL DEFAULT 0,
    click_count          integer     NOT NULL DEFAULT 0,
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz NULL,      -- retry after an SMTP 4xx
    error                text        NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outreach_instance_step_key UNIQUE (sequence_instance_id, step_no),
    CONSTRAINT outreach_message_id_key    UNIQUE (message_id),
    CONSTRAINT outreach_step_no_pos       CHECK (step_no >= 1),
    CONSTRAINT outreach_status_valid      CHECK (status IN ('scheduled', 'sending', 'sent', 'delivered', 'bounced',
                                                            'replied', 'failed', 'canceled')),
    CONSTRAINT outreach_message_id_bare   CHECK (message_id IS NULL OR (message_id NOT LIKE '<%' AND message_id NOT LIKE '%>')),
    CONSTRAINT outreach_counts_nonneg     CHECK (attempts >= 0 AND open_count >= 0 AND click_count >= 0)
);
-- Tracker counts (outreachSent / outreachReplied per application).
CREATE INDEX IF NOT EXISTS outreach_application_status_idx ON outreach (application_id, status);
CREATE INDEX IF NOT EXISTS outreach_contact_idx            ON outreach (contact_id);
CREATE INDEX IF NOT EXISTS outreach_mailbox_sent_idx       ON outreach (mailbox_id, sent_at) WHERE mailbox_id IS NOT NULL;
-- Recovery after a crash: rows left in 'sending'.
CREATE INDEX IF NOT EXISTS outreach_sending_idx            ON outreach (claimed_at) WHERE status = 'sending';

-- Email events: webhook events (event_id from the provider; a repeated event_id is ignored via
-- ON CONFLICT (event_id) DO NOTHING) and our own open/click tracking (event_id generated, e.g. 'open:<uuid>').
CREATE TABLE IF NOT EXISTS outreach_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    text        NOT NULL,
    outreach_id bigint      NULL REFERENCES outreach (id) ON DELETE SET NULL,   -- NULL when the message is unknown
    message_id  text        NULL,       -- messageId / inReplyTo as received
    type        text        NOT NULL,
    bounce_type text        NULL,       -- e.g. 'hard', 'soft'
    reason      text        NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    payload     jsonb       NULL,
    CONSTRAINT outreach_events_event_id_key UNIQUE (event_id),
    CONSTRAINT outreach_events_type_valid   CHECK (type IN ('delivered', 'bounce', 'spam_report', 'reply', 'auto_reply',
                                                            'unsubscribe', 'open', 'click'))
);
CREATE INDEX IF NOT EXISTS outreach_events_outreach_idx ON outreach_events (outreach_id, occurred_at) WHERE outreach_id IS NOT NULL;

-- Every send reservation, persisted before it is granted. One row per reserved send:
--   sends today     = count(*) WHERE mailbox_id = @m AND day = @utcDay AND NOT released
--   sends last 7 d  = count(*) WHERE mailbox_id = @m AND reserved_at > @now - 7 days AND NOT released
--   bounces last 7d = count(*) ... AND bounced_at IS NOT NULL,  spam = ... spam_reported_at IS NOT NULL
-- Rows outlive sequences, applications and contacts (FKs SET NULL) so mailbox statistics stay true.
CREATE TABLE IF NOT EXISTS mailbox_reservations (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mailbox_id           bigint      NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    day                  date        NOT NULL,      -- UTC day the send counts against
    reserved_at          timestamptz NOT NULL DEFAULT now(),
    sequence_instance_id bigint      NULL REFERENCES sequence_instances (id) ON DELETE SET NULL,
    outreach_id          bigint      NULL REFERENCES outreach (id) ON DELETE SET NULL,
    step_no              integer     NULL,
    released             boolean     NOT NULL DEFAULT false,   -- true: not sent (4xx retry, canceled); does not count
    released_at          timestamptz NULL,
    sent_at              timestamptz NULL,
    bounced_at           timestamptz NULL,
    spam_reported_at     timestamptz NULL,
    CONSTRAINT mailbox_reservations_released_stamped CHECK (released = (released_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS mailbox_reservations_mailbox_day_idx
    ON mailbox_reservations (mailbox_id, day) WHERE NOT released;
CREATE INDEX IF NOT EXISTS mailbox_reservations_mailbox_reserved_idx
    ON mailbox_reservations (mailbox_id, reserved_at);
-- At most one live reservation per (sequence instance, step).
CREATE UNIQUE INDEX IF NOT EXISTS mailbox_reservations_instance_step_key
    ON mailbox_reservations (sequence_instance_id, step_no) WHERE NOT released AND sequence_instance_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS mailbox_reservations_outreach_idx
    ON mailbox_reservations (outreach_id) WHERE outreach_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS mailbox_health_logs (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mailbox_id      bigint       NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    health_score    smallint     NOT NULL,
    bounce_rate_7d  numeric(7,6) NOT NULL,   -- 0..1
    spam_reports_7d integer      NOT NULL,
    sends_7d        integer      NOT NULL,
    bounces_7d      integer      NOT NULL,
    status          text         NOT NULL,   -- mailbox status after this check
    reason          text         NULL,
    logged_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT mailbox_health_logs_health_range CHECK (health_score BETWEEN 0 AND 100),
    CONSTRAINT mailbox_health_logs_rate_range   CHECK (bounce_rate_7d BETWEEN 0 AND 1),
    CONSTRAINT mailbox_health_logs_counts       CHECK (spam_reports_7d >= 0 AND sends_7d >= 0 AND bounces_7d >= 0),
    CONSTRAINT mailbox_health_logs_status_valid CHECK (status IN ('warmup', 'active', 'paused'))
);
CREATE INDEX IF NOT EXISTS mailbox_health_logs_mailbox_idx ON mailbox_health_logs (mailbox_id, logged_at DESC);

-- ---------------------------------------------------------------------------------------------------------
-- LivePages (public page per application, GET /p/{slug})
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS livepages (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id     bigint      NULL REFERENCES contacts (id) ON DELETE SET NULL,
    slug           text        NOT NULL,   -- random, not enumerable
    title          text        NOT NULL,
    content        jsonb       NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT livepages_slug_key    UNIQUE (slug),
    CONSTRAINT livepages_slug_format CHECK (slug ~ '^[A-Za-z0-9_-]{4,128}$')
);
CREATE INDEX IF NOT EXISTS livepages_application_idx ON livepages (application_id);
CREATE INDEX IF NOT EXISTS livepages_user_idx        ON livepages (user_id);

CREATE TABLE IF NOT EXISTS livepage_views (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    livepage_id bigint      NOT NULL REFERENCES livepages (id) ON DELETE CASCADE,
    event_id    text        NOT NULL,  -- dedupes a repeated view event
    viewed_at   timestamptz NOT NULL DEFAULT now(),
    token_hash  text        NULL,      -- hash of the signed token that led here (which email / contact)
    ip_hash     text        NULL,      -- salted hash, never the raw address
    user_agent  text        NULL,
    CONSTRAINT livepage_views_event_id_key UNIQUE (event_id)
);
CREATE INDEX IF NOT EXISTS livepage_views_livepage_idx ON livepage_views (livepage_id, viewed_at DESC);

-- ---------------------------------------------------------------------------------------------------------
-- Credits, audit, suppression, key storage
-- ---------------------------------------------------------------------------------------------------------

-- Immutable: rows are only inserted (UPDATE and DELETE raise; see the trigger below). A row disappears only
-- with its user (ON DELETE CASCADE). users.credits_remaining is set to balance_after in the same transaction.
CREATE TABLE IF NOT EXISTS credit_ledger (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    delta         integer     NOT NULL,
    balance_after integer     NOT NULL,
    reason        text        NOT NULL,   -- e.g. 'signup_grant', 'enrichment', 'send', 'refund', 'admin_adjust'
    ref           text        NULL,       -- what it pays for, e.g. 'contact:42'; (user_id, reason, ref) is unique
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_ledger_delta_nonzero    CHECK (delta <> 0),
    CONSTRAINT credit_ledger_balance_nonneg   CHECK (balance_after >= 0)
);
CREATE INDEX IF NOT EXISTS credit_ledger_user_idx ON credit_ledger (user_id, id DESC);
-- Idempotent charges: the same (user, reason, ref) is charged once.
CREATE UNIQUE INDEX IF NOT EXISTS credit_ledger_user_reason_ref_key ON credit_ledger (user_id, reason, ref) WHERE ref IS NOT NULL;

CREATE OR REPLACE FUNCTION credit_ledger_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The only allowed delete is the cascade from deleting the owning user (the user row is gone by then).
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE OR REPLACE TRIGGER credit_ledger_immutable
    BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_immutable();

CREATE TABLE IF NOT EXISTS audit_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NULL REFERENCES users (id) ON DELETE SET NULL,   -- whose data it concerns
    actor       text        NOT NULL,   -- 'user:42', 'admin:ops@x.com', 'system', 'webhook'
    action      text        NOT NULL,   -- e.g. 'application.status_changed', 'mailbox.paused'
    entity_type text        NULL,       -- e.g. 'application', 'mailbox', 'sequence'
    entity_id   bigint      NULL,
    data        jsonb       NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS audit_events_user_idx   ON audit_events (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_events_entity_idx ON audit_events (entity_type, entity_id, created_at DESC);

-- Addresses that must never be emailed again (unsubscribe, spam report, hard bounce), kept even after the
-- contact row is deleted. Checked before every send together with contacts.opted_out.
CREATE TABLE IF NOT EXISTS suppression_list (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text        NOT NULL,   -- stored lower-cased
    reason     text        NOT NULL,
    user_id    bigint      NULL REFERENCES users (id) ON DELETE SET NULL,   -- whose outreach triggered it
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT suppression_list_email_lower  CHECK (email = lower(btrim(email)) AND email <> ''),
    CONSTRAINT suppression_list_reason_valid CHECK (reason IN ('unsubscribe', 'opt_out', 'spam_report', 'hard_bounce', 'manual')),
    CONSTRAINT suppression_list_email_key    UNIQUE (email)
);

-- ASP.NET Core Data Protection key ring, shared by every node (custom IXmlRepository).
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL,   -- e.g. 'key-<guid>'
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT data_protection_keys_friendly_name_key UNIQUE (friendly_name)
);
