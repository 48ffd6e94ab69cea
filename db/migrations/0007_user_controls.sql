-- What a user sees and controls (issue 12): interviews as API.md describes them, notifications, template tracking
-- switches, session revocation, and what survives an account's erasure without personal data.

-- ---------------------------------------------------------------------------------------------------------
-- Interviews: kind phone|video|onsite|other, interviewer, location, outcome (API.md). The table was unused.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE interviews DROP CONSTRAINT IF EXISTS interviews_kind_valid;
UPDATE interviews SET kind = CASE
    WHEN kind IN ('phone_screen', 'recruiter') THEN 'phone'
    WHEN kind = 'onsite' THEN 'onsite'
    ELSE 'other' END
WHERE kind NOT IN ('phone', 'video', 'onsite', 'other');
ALTER TABLE interviews
    ADD COLUMN IF NOT EXISTS interviewer text NULL,
    ADD COLUMN IF NOT EXISTS location    text NULL,
    ADD COLUMN IF NOT EXISTS outcome     text NOT NULL DEFAULT 'pending',
    ADD CONSTRAINT interviews_kind_valid    CHECK (kind IN ('phone', 'video', 'onsite', 'other')),
    ADD CONSTRAINT interviews_outcome_valid CHECK (outcome IN ('pending', 'passed', 'failed', 'canceled'));
-- The user grain's interview reminder: the next pending interview of a user still to be announced.
CREATE INDEX IF NOT EXISTS interviews_pending_scheduled_idx ON interviews (scheduled_at) WHERE outcome = 'pending';

-- ---------------------------------------------------------------------------------------------------------
-- Notifications. A user's own (audience 'user', user_id set), or one for every admin (audience 'admins',
-- user_id NULL: a mailbox that paused itself), whose read state per admin is a notification_reads row.
-- dedupe_key makes each notification once: 'reply:<event id>', 'bounce:<outreach id>',
-- 'sequence_completed:<sequence id>', 'interview_soon:<interview id>:<scheduled time>', 'mailbox_paused:<log id>'.
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS notifications (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NULL REFERENCES users (id) ON DELETE CASCADE,
    audience    text        NOT NULL DEFAULT 'user',
    kind        text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    link        text        NULL,       -- the API resource it is about, e.g. '/api/sequences/42'
    dedupe_key  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz NULL,       -- audience 'user' only
    CONSTRAINT notifications_audience_valid CHECK (audience IN ('user', 'admins')),
    CONSTRAINT notifications_audience_owner CHECK ((audience = 'user') = (user_id IS NOT NULL)),
    CONSTRAINT notifications_admins_unread  CHECK (audience = 'user' OR read_at IS NULL),
    CONSTRAINT notifications_kind_valid     CHECK (kind IN ('reply', 'bounce', 'sequence_completed', 'interview_soon', 'mailbox_paused')),
    CONSTRAINT notifications_dedupe_key     UNIQUE (dedupe_key)
);
-- GET /api/notifications: newest first, optionally unread only.
CREATE INDEX IF NOT EXISTS notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS notifications_user_unread_idx  ON notifications (user_id) WHERE user_id IS NOT NULL AND read_at IS NULL;
CREATE INDEX IF NOT EXISTS notifications_admins_idx       ON notifications (created_at DESC, id DESC) WHERE audience = 'admins';

-- A sequence that reaches 'completed' (its grain's state write) notifies its user in the same transaction.
CREATE OR REPLACE FUNCTION notify_sequence_completed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
    SELECT NEW.user_id, 'sequence_completed', 'Sequence to ' || c.full_name || ' completed',
           'All ' || NEW.total_steps || CASE NEW.total_steps WHEN 1 THEN ' email' ELSE ' emails' END
               || ' about ' || j.title || ' at ' || co.name || ' went out; no reply so far.',
           '/api/sequences/' || NEW.id, 'sequence_completed:' || NEW.id, coalesce(NEW.stopped_at, now())
    FROM contacts c
    JOIN applications a ON a.id = NEW.application_id
    JOIN jobs j ON j.id = a.job_id
    JOIN companies co ON co.id = j.company_id
    WHERE c.id = NEW.contact_id
    ON CONFLICT (dedupe_key) DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER sequence_instances_completed
    AFTER UPDATE OF status ON sequence_instances
    FOR EACH ROW WHEN (NEW.status = 'completed' AND OLD.status IS DISTINCT FROM 'completed')
    EXECUTE FUNCTION notify_sequence_completed();

CREATE TABLE IF NOT EXISTS notification_reads (
    notification_id bigint      NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);
CREATE INDEX IF NOT EXISTS notification_reads_user_idx ON notification_reads (user_id);

-- ---------------------------------------------------------------------------------------------------------
-- Templates: open pixel and link rewriting can be switched off per template (API.md trackOpens / trackClicks).
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE sequence_templates
    ADD COLUMN IF NOT EXISTS track_opens  boolean NOT NULL DEFAULT true,
    ADD COLUMN IF NOT EXISTS track_clicks boolean NOT NULL DEFAULT true;

-- ---------------------------------------------------------------------------------------------------------
-- Sessions. Every bearer token carries the user's security stamp of its login and its own session id; a token
-- is honoured while its stamp is the current one, or while it is the session that last changed the password
-- (POST /api/me/password turns the stamp and keeps the caller's session: other sessions' tokens stop working).
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS security_stamp   uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN IF NOT EXISTS password_session uuid NULL;

-- ---------------------------------------------------------------------------------------------------------
-- Erasure (DELETE /api/me). The ledger keeps its amounts without its owner: user_id and ref are cleared, the
-- row is otherwise immutable, and it is never deleted.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE credit_ledger ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE credit_ledger DROP CONSTRAINT IF EXISTS credit_ledger_user_id_fkey;
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;

CREATE OR REPLACE FUNCTION credit_ledger_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The one change allowed: anonymizing a row (owner and reference cleared, the amounts untouched).
    IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL AND NEW.ref IS NULL
       AND NEW.id = OLD.id AND NEW.delta = OLD.delta AND NEW.balance_after = OLD.balance_after
       AND NEW.reason = OLD.reason AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

-- Suppression entries outlive their address: email_hash (sha256 hex of the lower-cased address) is filled on
-- insert; an erased user's entries keep only it (email NULL). Check an address with
--   WHERE email_hash = suppression_hash(@address)
-- which finds anonymized entries too.
CREATE OR REPLACE FUNCTION suppression_hash(address text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(lower(btrim(address)), 'UTF8')), 'hex')
$$;

ALTER TABLE suppression_list ADD COLUMN IF NOT EXISTS email_hash text NULL;
UPDATE suppression_list SET email_hash = suppression_hash(email) WHERE email_hash IS NULL;
ALTER TABLE suppression_list ALTER COLUMN email_hash SET NOT NULL;
ALTER TABLE suppression_list ALTER COLUMN email DROP NOT NULL;
ALTER TABLE suppression_list DROP CONSTRAINT IF EXISTS suppression_list_email_lower;
ALTER TABLE suppression_list ADD CONSTRAINT suppression_list_email_lower
    CHECK (email IS NULL OR (email = lower(btrim(email)) AND email <> ''));
ALTER TABLE suppression_list ADD CONSTRAINT suppression_list_email_hash_matches
    CHECK (email IS NULL OR email_hash = suppression_hash(email));
CREATE UNIQUE INDEX IF NOT EXISTS suppression_list_email_hash_key ON suppression_list (email_hash);
CREATE INDEX IF NOT EXISTS suppression_list_user_idx ON suppression_list (user_id) WHERE user_id IS NOT NULL;

CREATE OR REPLACE FUNCTION suppression_list_hash() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.email IS NOT NULL THEN
        NEW.email_hash := suppression_hash(NEW.email);
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER suppression_list_hash
    BEFORE INSERT OR UPDATE OF email ON suppression_list
    FOR EACH ROW EXECUTE FUNCTION suppression_list_hash();

-- ---------------------------------------------------------------------------------------------------------
-- Read paths.
-- ---------------------------------------------------------------------------------------------------------
-- Auto-replies and unsubscribes of a set of emails (analytics, timeline).
CREATE INDEX IF NOT EXISTS outreach_events_type_outreach_idx
    ON outreach_events (outreach_id) WHERE outreach_id IS NOT NULL AND type IN ('auto_reply', 'unsubscribe');

-- GET /api/sequences: the caller's sequences, newest first.
CREATE INDEX IF NOT EXISTS sequence_instances_user_enrolled_idx ON sequence_instances (user_id, enrolled_at DESC, id DESC);

-- GET /api/analytics/outreach: the caller's emails that left in [from, to), by the time they left (their send
-- claim), with every column the figures need, so the plan is an index-only range scan of the caller's rows.
-- auto-replies and unsubscribes come from outreach_events through outreach_events_type_outreach_idx.
CREATE INDEX IF NOT EXISTS outreach_user_left_idx ON outreach (user_id, claimed_at)
    INCLUDE (id, sequence_instance_id, step_no, mailbox_id, delivered_at, opened_at, clicked_at, replied_at, bounced_at)
    WHERE status IN ('sent', 'delivered', 'bounced', 'replied');
