-- Inbound mail (issue 11): mailboxes read over IMAP, the reader's UID checkpoint, the inbox, parked sequences,
-- and suppression checked by the normalized address or its hash.

-- ---------------------------------------------------------------------------------------------------------
-- Mailboxes: IMAP settings. All four NULL = RoleFerry does not read the mailbox (Reply-To stays the user and the
-- webhook is the only source of replies). The password is encrypted like the SMTP one (AES-256-GCM with
-- RoleFerry:Security:SecretKey) and never returned.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE mailboxes
    ADD COLUMN IF NOT EXISTS imap_host               text    NULL,
    ADD COLUMN IF NOT EXISTS imap_port               integer NULL,
    ADD COLUMN IF NOT EXISTS imap_username           text    NULL,
    ADD COLUMN IF NOT EXISTS imap_password_encrypted bytea   NULL,
    ADD COLUMN IF NOT EXISTS imap_use_tls            boolean NOT NULL DEFAULT true;
ALTER TABLE mailboxes DROP CONSTRAINT IF EXISTS mailboxes_imap_complete;
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_imap_complete CHECK (
    (imap_host IS NULL AND imap_port IS NULL AND imap_username IS NULL AND imap_password_encrypted IS NULL)
    OR (btrim(imap_host) <> '' AND imap_port BETWEEN 1 AND 65535 AND imap_username IS NOT NULL
        AND imap_password_encrypted IS NOT NULL));

-- One row per read mailbox, written by its reader grain only (one reader per mailbox in the cluster).
-- (uid_validity, last_uid): every message of the folder with that UIDVALIDITY and a UID up to last_uid is done
-- (applied, or skipped with a counter); the reader fetches UID last_uid+1:* and moves last_uid after each
-- message, so a restart neither repeats nor skips one (a repeat after a crash between the two is harmless: every
-- message is applied once, keyed by its Message-ID). since_floor: on the first read, and after a UIDVALIDITY
-- change (the server renumbered the folder), only messages the server received since then are looked at;
-- those already applied are recognized by their Message-ID.
CREATE TABLE IF NOT EXISTS mailbox_inbox_sync (
    mailbox_id    bigint      PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid_validity  bigint      NULL,
    last_uid      bigint      NOT NULL DEFAULT 0,
    since_floor   timestamptz NULL,
    newest_seen_at timestamptz NULL,      -- the server's INTERNALDATE of the newest message dealt with
    last_sync_at  timestamptz NULL,       -- the end of the last round that read the folder to its end
    last_error    text        NULL,       -- NULL after a successful round
    last_error_at timestamptz NULL,
    failures      integer     NOT NULL DEFAULT 0,   -- consecutive failed rounds (the back-off grows with them)
    -- Messages by what became of them: applied, duplicate, unmatched, ignored, malformed, oversized,
    -- charset_fallback, failed (a message that kept failing and was skipped), own (sent by RoleFerry itself).
    counters      jsonb       NOT NULL DEFAULT '{}',
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailbox_inbox_sync_last_uid_nonneg CHECK (last_uid >= 0),
    CONSTRAINT mailbox_inbox_sync_counters_object CHECK (jsonb_typeof(counters) = 'object')
);

-- ---------------------------------------------------------------------------------------------------------
-- The inbox: every message read over IMAP that answers a user's outreach (GET /api/inbox). message_id is the
-- incoming message's own Message-ID (bare; a sha256 of the message when it has none): unique, so a message seen
-- twice (duplicate delivery, a re-read after a restart or a UIDVALIDITY change) is stored and applied once, in
-- the same transaction as its outreach_events row ('inbound:<message_id>'). Attachments are never stored; HTML
-- is kept as text only.
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS inbox_messages (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mailbox_id           bigint      NULL REFERENCES mailboxes (id) ON DELETE SET NULL,   -- where it was read
    outreach_id          bigint      NULL REFERENCES outreach (id) ON DELETE SET NULL,    -- the email it answers
    sequence_instance_id bigint      NULL REFERENCES sequence_instances (id) ON DELETE SET NULL,
    application_id       bigint      NULL REFERENCES applications (id) ON DELETE SET NULL,
    contact_id           bigint      NULL REFERENCES contacts (id) ON DELETE SET NULL,
    message_id           text        NOT NULL,
    kind                 text        NOT NULL,
    from_address         text        NOT NULL,
    from_name            text        NULL,
    subject              text        NOT NULL DEFAULT '',
    snippet              text        NOT NULL DEFAULT '',
    text_body            text        NOT NULL DEFAULT '',
    received_at          timestamptz NOT NULL,
    return_date          date        NULL,      -- auto_reply: the return date its text gave
    bounce_type          text        NULL,      -- bounce: hard (5.x.x) or soft (4.x.x)
    bounce_status        text        NULL,      -- bounce: the DSN status, e.g. 5.1.1
    failed_recipient     text        NULL,      -- bounce: the DSN's final recipient
    read_at              timestamptz NULL,
    -- A genuine reply is relayed to the user's email: pending → sending → sent | failed (at most once).
    relay_status         text        NOT NULL DEFAULT 'none',
    relay_attempts       integer     NOT NULL DEFAULT 0,
    relay_error          text        NULL,
    relayed_at           timestamptz NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inbox_messages_message_id_key  UNIQUE (message_id),
    CONSTRAINT inbox_messages_kind_valid      CHECK (kind IN ('reply', 'auto_reply', 'bounce', 'unsubscribe')),
    CONSTRAINT inbox_messages_bounce_valid    CHECK (bounce_type IS NULL OR bounce_type IN ('hard', 'soft')),
    CONSTRAINT inbox_messages_relay_valid     CHECK (relay_status IN ('none', 'pending', 'sending', 'sent', 'failed'))
);
-- GET /api/inbox: the caller's messages, newest first (optionally unread only).
CREATE INDEX IF NOT EXISTS inbox_messages_user_received_idx ON inbox_messages (user_id, received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS inbox_messages_user_unread_idx   ON inbox_messages (user_id) WHERE read_at IS NULL;
-- The reader relays what is pending for its mailbox.
CREATE INDEX IF NOT EXISTS inbox_messages_relay_pending_idx ON inbox_messages (mailbox_id) WHERE relay_status = 'pending';

-- Matching by the sender's address: the mailbox's recent emails to that address.
CREATE INDEX IF NOT EXISTS outreach_mailbox_recipient_idx
    ON outreach (mailbox_id, lower(to_email), sent_at DESC) WHERE message_id IS NOT NULL AND sent_at IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------
-- Parked sequences: the contact is out of office. resume_at is when the sequence goes on by itself (its wake-up
-- reminder's first tick); next_step_due_at holds the current step's due time, moved by the same amount.
-- A parked sequence is live: it counts against the quota and is stopped by a reply, bounce or opt-out.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE sequence_instances ADD COLUMN IF NOT EXISTS resume_at timestamptz NULL;
ALTER TABLE sequence_instances DROP CONSTRAINT IF EXISTS sequence_instances_status_valid;
ALTER TABLE sequence_instances ADD CONSTRAINT sequence_instances_status_valid CHECK (status IN (
    'active', 'paused', 'parked', 'completed', 'stopped_reply', 'stopped_bounce', 'stopped_optout', 'canceled', 'failed'));
ALTER TABLE sequence_instances DROP CONSTRAINT IF EXISTS sequence_instances_parked_resumes;
ALTER TABLE sequence_instances ADD CONSTRAINT sequence_instances_parked_resumes CHECK (status <> 'parked' OR resume_at IS NOT NULL);
DROP INDEX IF EXISTS sequence_instances_one_live_key;
CREATE UNIQUE INDEX IF NOT EXISTS sequence_instances_one_live_key
    ON sequence_instances (application_id, contact_id) WHERE status IN ('active', 'paused', 'parked');
DROP INDEX IF EXISTS sequence_instances_contact_live_idx;
CREATE INDEX IF NOT EXISTS sequence_instances_contact_live_idx
    ON sequence_instances (contact_id) WHERE status IN ('active', 'paused', 'parked');

-- ---------------------------------------------------------------------------------------------------------
-- Suppression, checked before every enrollment (409) and in every send claim. Keyed by the normalized address
-- (lower-cased, trimmed) and by its hash, email_hash = sha256 hex of that normalized address, computed by
-- suppression_hash(); the hash is what stays when a user's data is erased (email cleared), so an erased user's
-- unsubscribed or bounced contacts stay suppressed for everyone. Check an address with
--   WHERE s.email = lower(btrim(@address)) OR s.email_hash = suppression_hash(@address)
-- email_hash, suppression_hash() and the trigger that fills the hash are migration 0007's.
-- ---------------------------------------------------------------------------------------------------------
