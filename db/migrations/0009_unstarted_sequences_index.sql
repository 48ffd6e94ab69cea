-- The maintenance grain looks, every few minutes, for sequences an enrollment committed but whose grain never
-- scheduled step 1 (the silo died in between): active, no due time yet. A partial index keeps that look cheap
-- however many sequences there are (it holds only the few rows still starting).
CREATE INDEX IF NOT EXISTS sequence_instances_unstarted_idx
    ON sequence_instances (enrolled_at) WHERE status = 'active' AND next_step_due_at IS NULL;
