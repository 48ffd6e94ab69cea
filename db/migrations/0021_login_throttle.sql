-- Issue 24: brute force, limited once for the whole cluster (every silo reads and writes these rows, so the
-- limits no longer multiply by the number of silos or reset when a request lands on another one).
--
-- login_failures: wrong passwords (at login and where a password is confirmed: change password, delete account),
-- per account and client address, and per account across every address (client = '*'). MaxFailedLogins in a row
-- from one address lock the account for that address; a larger number in a row from all addresses together lock
-- it for everyone. Each lockout in a row lasts twice the one before (from LockoutDuration, at most
-- MaxLockoutDuration); a success ends them. So a stranger can no longer lock anyone out for long: a lockout only
-- binds the address that earned it, until the account-wide count is reached.
CREATE TABLE IF NOT EXISTS login_failures (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client       text        NOT NULL,
    failures     integer     NOT NULL DEFAULT 0,
    lockouts     integer     NOT NULL DEFAULT 0,
    locked_until timestamptz NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, client),
    CONSTRAINT login_failures_counts_nonneg CHECK (failures >= 0 AND lockouts >= 0)
);

-- auth_rate_windows: requests to the anonymous account routes (register, login) per client address and fixed
-- window (AuthRateLimit), beyond which they answer 429. Rows of past windows are deleted as they are found stale.
CREATE TABLE IF NOT EXISTS auth_rate_windows (
    client       text        PRIMARY KEY,
    window_start timestamptz NOT NULL,
    requests     integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS auth_rate_windows_start_idx ON auth_rate_windows (window_start);

-- The per-account lock of before (one count per account, 15 minutes for anyone who typed five wrong passwords).
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_failed_logins_nonneg;
ALTER TABLE users DROP COLUMN IF EXISTS failed_login_count;
ALTER TABLE users DROP COLUMN IF EXISTS locked_until;
