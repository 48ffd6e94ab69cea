-- Issue 24: inbound mail that RoleFerry does not believe, and who decides how far a suppression reaches.
--
-- A message read over IMAP that matched our email only by its sender's address, from a sender not shown to own
-- that address (DKIM, ARC, a trusted Authentication-Results), or a delivery report naming no Message-ID of ours:
-- listed in the inbox with authenticated = false, and nothing else changes.
ALTER TABLE inbox_messages ADD COLUMN IF NOT EXISTS authenticated boolean NOT NULL DEFAULT true;

-- A user's own opt-out (POST /api/contacts/{id}/opt-out) suppresses the address for that user's outreach only.
-- suppression_list keeps what suppresses an address for everyone: the recipient's own word (unsubscribe link or
-- header, an "unsubscribe" reply, a spam complaint) and hard bounces. The rows are erased with their user.
CREATE TABLE IF NOT EXISTS user_suppressions (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, email),
    CONSTRAINT user_suppressions_email_lower CHECK (email = lower(btrim(email)) AND email <> '')
);

-- Opt-outs were everyone's until now: they become their user's (those of erased users, whose user is gone, go).
INSERT INTO user_suppressions (user_id, email, created_at)
SELECT user_id, email, created_at FROM suppression_list
WHERE reason = 'opt_out' AND user_id IS NOT NULL AND email IS NOT NULL
ON CONFLICT DO NOTHING;
DELETE FROM suppression_list WHERE reason = 'opt_out';
