-- Indexes for reads that the benchmarks (BENCHMARKS.md) found scanning whole tables.

-- GET /api/jobs/matched scores the most recent unexpired jobs:
--   ORDER BY coalesce(j.posted_date, j.created_at) DESC, j.id DESC LIMIT n
-- Without an index in that order every request read and sorted the whole jobs table (351 ms at 200,000 jobs);
-- with it the query walks the newest jobs and stops after n.
CREATE INDEX IF NOT EXISTS jobs_recency_idx ON jobs ((coalesce(posted_date, created_at)) DESC, id DESC);

-- UserGrain counts the user's sends of the current UTC day when it activates:
--   SELECT count(*) FROM outreach WHERE user_id = $1 AND claimed_at >= $2
-- (39 ms per activation over 300,000 outreach rows without it).
CREATE INDEX IF NOT EXISTS outreach_user_claimed_idx ON outreach (user_id, claimed_at);
