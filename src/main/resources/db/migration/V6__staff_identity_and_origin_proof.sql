-- Superusers: the configured ones follow admin.superusers at every login (superuser_by_config);
-- superuser alone now means "granted on the roles page". Flags set so far may have come from an
-- unverified mail claim, so they become configuration flags that the next login recomputes.
ALTER TABLE app_user
    ADD COLUMN superuser_by_config boolean NOT NULL DEFAULT false,
    -- the provider vouched for app_user.mail (email_verified); only then does a mail match anything
    ADD COLUMN mail_verified boolean NOT NULL DEFAULT false;
UPDATE app_user SET superuser_by_config = superuser, superuser = false;

-- A role granted by mail address before that person's first login: it binds to whoever first logs
-- in with this address verified, and is deleted then.
CREATE TABLE role_invitation (
    mail_key   text        NOT NULL CHECK (mail_key = lower(mail_key) AND length(mail_key) BETWEEN 3 AND 254),
    course_id  bigint      NOT NULL REFERENCES course ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('course_admin', 'teacher')),
    invited_by text        NOT NULL CHECK (length(invited_by) BETWEEN 1 AND 200),
    invited_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mail_key, course_id, role)
);

-- How an origin (and so its discount or free first course) is proven: 'none' (anyone may choose it),
-- 'login' (only an OIDC login whose claim proof_claim holds one of proof_values), 'staff' (pending
-- until staff confirm; the full fee applies until then).
ALTER TABLE origin
    ADD COLUMN proof        text   NOT NULL DEFAULT 'none' CHECK (proof IN ('none', 'login', 'staff')),
    ADD COLUMN proof_claim  text   CHECK (length(proof_claim) BETWEEN 1 AND 100),
    ADD COLUMN proof_values text[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT origin_login_proof_names_claim CHECK (proof <> 'login' OR (proof_claim IS NOT NULL AND cardinality(proof_values) > 0));

-- An attendance whose origin waits for staff: full fee, no discount, until confirmed.
ALTER TABLE attendance
    ADD COLUMN origin_pending boolean NOT NULL DEFAULT false,
    ADD COLUMN origin_confirmed_at timestamptz,
    ADD COLUMN origin_confirmed_by text CHECK (length(origin_confirmed_by) <= 200);
CREATE INDEX attendance_origin_pending ON attendance (course_id) WHERE origin_pending;

-- Every new attendance of an applicant whose origin staff must confirm starts pending; the signup
-- rules charge it the full fee, the staff's confirmation then sets discount and fee.
CREATE FUNCTION attendance_origin_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.origin_confirmed_at IS NULL AND EXISTS (
        SELECT 1 FROM applicant a JOIN origin o ON o.id = a.origin_id WHERE a.id = NEW.applicant_id AND o.proof = 'staff') THEN
        NEW.origin_pending := true;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER attendance_origin_pending BEFORE INSERT ON attendance
    FOR EACH ROW EXECUTE FUNCTION attendance_origin_pending();
