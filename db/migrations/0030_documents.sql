-- The job seeker's documents (issue 26): jobs with their links, the original resume file and its parse, resume
-- versions and cover letters per application, cover-letter templates (the platform's and each user's own).
-- Every table here is written by the API's code for its resource (no grain owns them).

-- ---------------------------------------------------------------------------------------------------------
-- Jobs: the posting's link, where to apply, visa sponsorship. A job is found again by its externalId or by its url
-- (url_key: lower case, without the fragment and trailing slashes), so an import never duplicates a posting.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE jobs
    ADD COLUMN IF NOT EXISTS url                       text    NULL,
    ADD COLUMN IF NOT EXISTS apply_url                 text    NULL,
    ADD COLUMN IF NOT EXISTS requires_visa_sponsorship boolean NULL,
    ADD COLUMN IF NOT EXISTS url_key                   text    GENERATED ALWAYS AS
        (lower(regexp_replace(regexp_replace(btrim(url), '#.*$', ''), '/+$', ''))) STORED;
CREATE UNIQUE INDEX IF NOT EXISTS jobs_url_key ON jobs (url_key);
-- Imports of rows with neither an id nor a link find an existing job by company, title and location.
CREATE INDEX IF NOT EXISTS jobs_company_title_idx ON jobs (company_id, lower(title));

-- ---------------------------------------------------------------------------------------------------------
-- Resume files: the original upload (PDF or DOCX, at most 5 MiB), kept as uploaded. One per user: uploading
-- again replaces the file and the parse. resumes.source_file_id points at the file the resume was parsed from.
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS resume_files (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name      text        NOT NULL,
    content_type   text        NOT NULL,
    size_bytes     integer     NOT NULL,
    content        bytea       NOT NULL,
    parsing_status text        NOT NULL,
    uploaded_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resume_files_status_valid CHECK (parsing_status IN ('parsed', 'partial')),
    CONSTRAINT resume_files_size_valid   CHECK (size_bytes = octet_length(content) AND size_bytes <= 5242880)
);
-- PDF and DOCX are compressed already: store them out of line without trying to compress them again.
ALTER TABLE resume_files ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE UNIQUE INDEX IF NOT EXISTS resume_files_user_key ON resume_files (user_id);

-- Education [{"school": "...", "degree": "...", "year": 2015}]; roles may carry "bullets" (the role's lines).
ALTER TABLE resumes
    ADD COLUMN IF NOT EXISTS education      jsonb  NOT NULL DEFAULT '[]',
    ADD COLUMN IF NOT EXISTS source_file_id bigint NULL REFERENCES resume_files (id) ON DELETE SET NULL,
    ADD CONSTRAINT resumes_education_array CHECK (jsonb_typeof(education) = 'array');

-- ---------------------------------------------------------------------------------------------------------
-- Resume versions: the resume arranged for one application's job (roles [{title, company, tenure, bullets}]).
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS resume_versions (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    summary        text        NOT NULL,
    skills         text[]      NOT NULL DEFAULT '{}',
    matched_skills text[]      NOT NULL DEFAULT '{}',
    missing_skills text[]      NOT NULL DEFAULT '{}',
    roles          jsonb       NOT NULL DEFAULT '[]',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resume_versions_roles_array CHECK (jsonb_typeof(roles) = 'array')
);
CREATE INDEX IF NOT EXISTS resume_versions_application_idx ON resume_versions (application_id, id);
CREATE INDEX IF NOT EXISTS resume_versions_user_idx ON resume_versions (user_id);

-- ---------------------------------------------------------------------------------------------------------
-- Cover letters and their templates ({{variables}} filled when a letter is made; user_id NULL = platform).
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS cover_letter_templates (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NULL REFERENCES users (id) ON DELETE CASCADE,
    is_platform boolean     NOT NULL DEFAULT false,
    name        text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cover_letter_templates_owner          CHECK (is_platform = (user_id IS NULL)),
    CONSTRAINT cover_letter_templates_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT cover_letter_templates_body_not_blank CHECK (btrim(body) <> '')
);
CREATE INDEX IF NOT EXISTS cover_letter_templates_user_idx ON cover_letter_templates (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS cover_letter_templates_platform_name_key ON cover_letter_templates (name) WHERE is_platform;

CREATE TABLE IF NOT EXISTS cover_letters (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    template_id    bigint      NULL REFERENCES cover_letter_templates (id) ON DELETE SET NULL,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cover_letters_application_idx ON cover_letters (application_id, id);
CREATE INDEX IF NOT EXISTS cover_letters_user_idx ON cover_letters (user_id);
CREATE INDEX IF NOT EXISTS cover_letters_template_idx ON cover_letters (template_id) WHERE template_id IS NOT NULL;

-- The documents an application went out with (API.md: Applications; PATCH sets them, a new version or letter
-- becomes the application's).
ALTER TABLE applications
    ADD COLUMN IF NOT EXISTS resume_version_id bigint NULL REFERENCES resume_versions (id) ON DELETE SET NULL,
    ADD COLUMN IF NOT EXISTS cover_letter_id   bigint NULL REFERENCES cover_letters (id) ON DELETE SET NULL;

INSERT INTO cover_letter_templates (user_id, is_platform, name, body)
VALUES (NULL, true, 'Cover Letter Default',
$body$Dear {{hiring_manager}},

I am applying for the {{role}} position at {{company}}. As {{latest_title}} at {{latest_company}}, I have worked with {{matched_skills}}, which this role asks for.

One result I am proud of: {{top_metric}}

I would welcome the chance to talk about how I could help {{company}}.

Sincerely,
{{full_name}}$body$)
ON CONFLICT (name) WHERE is_platform DO NOTHING;
