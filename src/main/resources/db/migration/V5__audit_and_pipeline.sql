-- Every staff change, written in the same transaction as the change itself: who, when, what, before/after.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    action      text        NOT NULL CHECK (length(action) BETWEEN 1 AND 60),
    -- what was changed: 'attendance', 'course', 'language', 'applicant', 'payment', 'token', 'role', ...
    entity      text        NOT NULL CHECK (length(entity) BETWEEN 1 AND 40),
    entity_id   bigint,
    -- the applicant and course concerned, so their pages can show their own history
    applicant_id bigint     REFERENCES applicant ON DELETE SET NULL,
    course_id   bigint      REFERENCES course ON DELETE SET NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_applicant ON audit_log (applicant_id, at DESC) WHERE applicant_id IS NOT NULL;
CREATE INDEX audit_log_course ON audit_log (course_id, at DESC) WHERE course_id IS NOT NULL;
