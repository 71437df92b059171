-- Staff area, part 1: payment methods, personal API tokens, preterm tokens staff can list and
-- revoke, and applicant search as you type.

-- how a payment was made; older rows predate the column
ALTER TABLE payment ADD COLUMN method text CHECK (method IS NULL OR method IN ('cash', 'transfer', 'card', 'other'));
-- what staff note about a course beyond the catalogue
ALTER TABLE course ADD COLUMN room text NOT NULL DEFAULT '' CHECK (length(room) <= 120),
    ADD COLUMN teacher text NOT NULL DEFAULT '' CHECK (length(teacher) <= 120);

CREATE INDEX payment_by_attendance ON payment (attendance_id);

-- a staff member's own tokens for the JSON API; only the SHA-256 of the token is kept
CREATE TABLE api_token (
    id           bigserial   PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES app_user ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_by_user ON api_token (user_id);

-- preterm tokens get a short id to name them by (the token itself stays a secret in lists and URLs),
-- who issued them, and a revocation time (a revoked token also expires at once, so the signup
-- pipeline refuses it without knowing about revocation)
ALTER TABLE preterm_token ADD COLUMN id bigserial UNIQUE,
    ADD COLUMN issued_by text CHECK (length(issued_by) <= 200),
    ADD COLUMN revoked_at timestamptz;

-- search as you type over names and mail address: a trigram index answers infix matches
-- (ILIKE '%ann%') without a scan; pg_trgm is a trusted extension, so the database owner may add it
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX applicant_search ON applicant
    USING gin ((lower(first_name || ' ' || last_name || ' ' || mail)) gin_trgm_ops);
