-- Staff area part 2: mass mail with attachments, grades, export jobs.

-- An attachment's bytes are stored once, however many mails carry it (keyed by their SHA-256).
CREATE TABLE mail_blob (
    id         bigserial PRIMARY KEY,
    sha256     bytea       NOT NULL UNIQUE CHECK (length(sha256) = 32),
    size       integer     NOT NULL CHECK (size >= 0),
    content    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (length(content) = size)
);

-- A mass mail: a draft until it is queued; queued once only, and only after a test send of the same text.
CREATE TABLE mass_mail (
    id          bigserial PRIMARY KEY,
    created_by  text        NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    course_ids  bigint[]    NOT NULL DEFAULT '{}',
    states      text[]      NOT NULL DEFAULT '{}'
                CHECK (states <@ ARRAY['confirmed', 'waiting', 'offered', 'pool', 'unpaid']::text[]),
    subject     text        NOT NULL DEFAULT '' CHECK (length(subject) <= 200 AND subject !~ '[\r\n]'),
    body        text        NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
    sender_name text        CHECK (length(sender_name) <= 120 AND sender_name !~ '[\r\n<>"]'),
    reply_to    text        CHECK (reply_to IS NULL OR reply_to ~ '^[^@\s<>,;"]+@[^@\s<>,;"]+$'),
    cc          text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(cc) <= 20),
    bcc         text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(bcc) <= 20),
    locale      text        NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
    tested_at   timestamptz,
    queued_at   timestamptz,
    recipients  integer     CHECK (recipients >= 0),
    CHECK (queued_at IS NULL OR tested_at IS NOT NULL)
);

CREATE TABLE mass_mail_attachment (
    mass_mail_id bigint  NOT NULL REFERENCES mass_mail ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position >= 0),
    blob_id      bigint  NOT NULL REFERENCES mail_blob ON DELETE RESTRICT,
    filename     text    NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (length(content_type) BETWEEN 3 AND 120),
    PRIMARY KEY (mass_mail_id, position)
);

-- V1's per-mail attachment kept the bytes with every mail; now each mail links to the one stored blob.
ALTER TABLE mail_attachment DROP COLUMN content;
ALTER TABLE mail_attachment ADD COLUMN blob_id bigint NOT NULL REFERENCES mail_blob ON DELETE RESTRICT;
CREATE INDEX mail_attachment_outbox ON mail_attachment (outbox_id);

-- the delivery progress of a mass mail is counted over its outbox rows
ALTER TABLE mail_outbox ADD COLUMN mass_mail_id bigint REFERENCES mass_mail ON DELETE SET NULL;
CREATE INDEX mail_outbox_mass_mail ON mail_outbox (mass_mail_id, state) WHERE mass_mail_id IS NOT NULL;

-- Grades: a percentage (V1's grade), optionally the points it came from, and a result; who graded and when.
-- A certificate needs a grade or the result 'passed' or 'attended'.
ALTER TABLE attendance
    ADD COLUMN grade_points     numeric(7, 2) CHECK (grade_points >= 0),
    ADD COLUMN grade_points_max numeric(7, 2) CHECK (grade_points_max > 0),
    ADD COLUMN result           text CHECK (result IN ('passed', 'failed', 'attended')),
    ADD COLUMN graded_at        timestamptz,
    ADD COLUMN graded_by        text CHECK (length(graded_by) <= 200),
    ADD CONSTRAINT attendance_points_within_max CHECK (grade_points IS NULL OR grade_points_max IS NULL OR grade_points <= grade_points_max);
