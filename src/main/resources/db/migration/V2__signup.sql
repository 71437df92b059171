-- An idempotency key is the client's own: scope it to the applicant, so one client's key can never
-- collide with another's, and the check runs under the applicant lock the signup batch holds anyway.
ALTER TABLE attendance DROP CONSTRAINT attendance_idempotency_key_key;
CREATE UNIQUE INDEX attendance_idempotency ON attendance (applicant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX attendance_by_applicant ON attendance (applicant_id);
