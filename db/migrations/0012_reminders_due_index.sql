-- Each silo's reminder service refreshes its share of the reminders every few minutes and keeps only those due
-- within its loading window (Orleans' ReminderOptions). BatchedReminderTable reads just those rows
-- (starttime <= now + window) instead of the whole range: with a million sequences enrolled and their next steps
-- days ahead, the refresh then reads the few thousand rows due soon through this index.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_serviceid_starttime
    ON orleansreminderstable (serviceid, starttime);
