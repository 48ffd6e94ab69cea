-- Follow-ups thread under step 1 (issue 11): a step after the first whose subject is empty is sent as
-- 'Re: ' + step 1's subject, with In-Reply-To / References to the earlier steps. The platform templates spelled
-- that subject out ('Re: ' + step 1's subject, the same text); they now leave it empty, so the rule gives it
-- (and an edit of step 1's subject carries over). Steps whose subject an admin changed are left as they are.
UPDATE sequence_templates t
SET steps = (
        SELECT jsonb_agg(
                   CASE WHEN (s ->> 'stepNo')::int > 1 AND s ->> 'subject' = 'Re: ' || first.subject
                        THEN jsonb_set(s, '{subject}', '""'::jsonb)
                        ELSE s END
                   ORDER BY (s ->> 'stepNo')::int)
        FROM jsonb_array_elements(t.steps) AS s),
    version = t.version + 1,
    updated_at = now()
FROM (SELECT id, (SELECT s ->> 'subject' FROM jsonb_array_elements(steps) AS s WHERE (s ->> 'stepNo')::int = 1) AS subject
      FROM sequence_templates WHERE is_platform) AS first
WHERE t.id = first.id
  AND EXISTS (SELECT 1 FROM jsonb_array_elements(t.steps) AS s
              WHERE (s ->> 'stepNo')::int > 1 AND s ->> 'subject' = 'Re: ' || first.subject);
