-- RoleFerry runs on Microsoft Orleans (0005_orleans.sql); the tables of the home-made grain runtime it replaced
-- (0001_runtime.sql) hold nothing Orleans reads: its reminders are re-registered by the grains themselves (a live
-- sequence registers its wake-up on activation, a mailbox its health check, the silo the daily maintenance), and
-- no product state lived in grain_state.
DROP TABLE IF EXISTS partition_leases;
DROP TABLE IF EXISTS silo_membership;
DROP TABLE IF EXISTS grain_state;
DROP TABLE IF EXISTS grain_reminders;
DROP SEQUENCE IF EXISTS grain_reminder_version_seq;
