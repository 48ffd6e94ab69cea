-- GET /api/jobs/matched scores the most recent unexpired jobs:
--   ORDER BY coalesce(j.posted_date, j.created_at) DESC, j.id DESC LIMIT n
-- Without an index in that order every request read and sorted the whole jobs table (351 ms at 200,000 jobs,
-- see BENCHMARKS.md section 5); with it the query walks the newest jobs and stops after n.
CREATE INDEX IF NOT EXISTS jobs_recency_idx ON jobs ((coalesce(posted_date, created_at)) DESC, id DESC);
