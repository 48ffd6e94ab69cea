-- Tables of the grain runtime (src/Actors). Product-agnostic.

-- Durable reminders: the table is the source of truth; silos hold the soon-due ones in memory.
-- Versions come from one sequence, so a reminder deleted and registered again never reuses a version.
CREATE SEQUENCE IF NOT EXISTS grain_reminder_version_seq;

CREATE TABLE IF NOT EXISTS grain_reminders (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    name        text        NOT NULL,
    due_at      timestamptz NOT NULL,
    period      interval    NULL,            -- NULL = one-shot
    version     bigint      NOT NULL DEFAULT nextval('grain_reminder_version_seq'),
    partition   integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, name),
    CONSTRAINT grain_reminders_period_positive CHECK (period IS NULL OR period > interval '0')
);
CREATE INDEX IF NOT EXISTS grain_reminders_partition_due_idx ON grain_reminders (partition, due_at);

-- Opaque JSON state for grains that have no relational table of their own.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state       jsonb       NOT NULL,
    version     bigint      NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);

-- Cluster membership: a silo that misses heartbeats is declared dead.
CREATE TABLE IF NOT EXISTS silo_membership (
    silo_id      uuid        PRIMARY KEY,
    address      text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('joining', 'active', 'shutting_down', 'dead')),
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Partition leases: only the holder activates a partition's grains and fires its reminders.
-- Each acquisition increments epoch (a fencing token).
CREATE TABLE IF NOT EXISTS partition_leases (
    partition   integer     PRIMARY KEY,
    owner_silo  uuid        NULL,
    epoch       bigint      NOT NULL DEFAULT 0,
    expires_at  timestamptz NOT NULL DEFAULT 'epoch'
);
