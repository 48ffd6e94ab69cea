-- Every send asks whether the contact ever replied (the step's context read and its claim: NOT EXISTS an outreach
-- row of the contact with status 'replied'). With no index for that, PostgreSQL answered it from
-- outreach_user_left_idx, whose rows are every email that left: each context read and each claim scanned all of
-- them (~1,000 rows per statement 20 s into a 20,000-step dispatch, and growing with every step sent). This
-- partial index holds only the replied rows, so the question is one probe of a small index.
CREATE INDEX IF NOT EXISTS outreach_contact_replied_idx ON outreach (contact_id) WHERE status = 'replied';
