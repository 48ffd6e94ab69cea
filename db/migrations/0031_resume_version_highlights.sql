-- A resume version's highlights: the resume's accomplishments and key metrics that belong to no role, ordered by
-- how many of the job's keywords they name (issue 26).
ALTER TABLE resume_versions ADD COLUMN IF NOT EXISTS highlights text[] NOT NULL DEFAULT '{}';
