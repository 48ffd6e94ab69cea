-- Platform sequence templates (user_id NULL, is_platform true). Idempotent: each insert is skipped when a
-- platform template of that name already exists (sequence_templates_platform_name_key also guards it).
-- Variables used: only the built-ins first_name, last_name, full_name, company, role, my_name.
-- sending_window NULL = the default window (mon-fri 08:00-18:00 in the contact's timezone).

INSERT INTO sequence_templates (user_id, is_platform, name, description, steps, sending_window)
SELECT NULL, true, 'Job Seeker Default',
       'Three short, friendly notes to someone at the hiring company: an ask for advice, a follow-up two days later, a last note two days after that.',
       jsonb_build_array(
           jsonb_build_object(
               'stepNo', 1,
               'delayHours', 0,
               'subject', 'Quick advice on {{role}} at {{company}}?',
               'body', E'Hi {{first_name}},\n\n'
                    || E'I''m applying for the {{role}} role at {{company}} and would love a quick word of advice from '
                    || E'someone who knows the team. Would you have 10 minutes this week, or could you point me to the '
                    || E'right person?\n\n'
                    || E'Thanks so much,\n{{my_name}}'),
           jsonb_build_object(
               'stepNo', 2,
               'delayHours', 48,
               'subject', 'Re: Quick advice on {{role}} at {{company}}?',
               'body', E'Hi {{first_name}},\n\n'
                    || E'Just following up on my note about the {{role}} role at {{company}}. Even a one-line reply '
                    || E'with a tip or the right person to ask would help a lot.\n\n'
                    || E'Thank you,\n{{my_name}}'),
           jsonb_build_object(
               'stepNo', 3,
               'delayHours', 96,
               'subject', 'Re: Quick advice on {{role}} at {{company}}?',
               'body', E'Hi {{first_name}},\n\n'
                    || E'I know your inbox is busy, so this is my last note. If you ever have a moment to share '
                    || E'advice on the {{role}} role at {{company}}, I''d really appreciate it.\n\n'
                    || E'All the best,\n{{my_name}}')
       ),
       NULL::jsonb
WHERE NOT EXISTS (
    SELECT 1 FROM sequence_templates WHERE name = 'Job Seeker Default' AND is_platform
);

INSERT INTO sequence_templates (user_id, is_platform, name, description, steps, sending_window)
SELECT NULL, true, 'Recruiter Cold Intro',
       'A recruiter''s introduction to a passive candidate, with one follow-up three days later.',
       jsonb_build_array(
           jsonb_build_object(
               'stepNo', 1,
               'delayHours', 0,
               'subject', '{{role}} at {{company}}',
               'body', E'Hi {{first_name}},\n\n'
                    || E'I''m hiring for a {{role}} at {{company}}, and your background stood out. I know you may not '
                    || E'be looking, but would you be open to a short call to hear what the team is building?\n\n'
                    || E'Best,\n{{my_name}}'),
           jsonb_build_object(
               'stepNo', 2,
               'delayHours', 72,
               'subject', 'Re: {{role}} at {{company}}',
               'body', E'Hi {{first_name}},\n\n'
                    || E'Following up in case my note got buried. If the {{role}} role at {{company}} isn''t a fit '
                    || E'right now, no problem at all; just let me know and I won''t follow up again.\n\n'
                    || E'Thanks,\n{{my_name}}')
       ),
       NULL::jsonb
WHERE NOT EXISTS (
    SELECT 1 FROM sequence_templates WHERE name = 'Recruiter Cold Intro' AND is_platform
);
