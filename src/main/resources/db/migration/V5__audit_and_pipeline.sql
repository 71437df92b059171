-- The audit log (V1) learns before/after and which applicant and course a change concerns, so the
-- applicant and course pages can show their own history. Staff changes write it in their own transaction.
ALTER TABLE audit_log
    ADD COLUMN applicant_id bigint REFERENCES applicant ON DELETE SET NULL,
    ADD COLUMN course_id    bigint REFERENCES course ON DELETE SET NULL,
    ADD COLUMN before       jsonb,
    ADD COLUMN after        jsonb;
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_applicant ON audit_log (applicant_id, at DESC) WHERE applicant_id IS NOT NULL;
CREATE INDEX audit_log_course ON audit_log (course_id, at DESC) WHERE course_id IS NOT NULL;
