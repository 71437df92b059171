-- The mail key is computed in Java (mail/MailKey) and stored; V12.1 rewrites the existing keys.
ALTER TABLE applicant ALTER COLUMN mail_key DROP EXPRESSION;
ALTER TABLE applicant ALTER COLUMN mail_key SET NOT NULL;
ALTER TABLE applicant ADD CHECK (length(mail_key) <= 254);
ALTER TABLE preterm_token DROP CONSTRAINT IF EXISTS preterm_token_mail_key_check;

-- A retry with the same Idempotency-Key gets the stored answer only when it repeats the same request.
ALTER TABLE attendance ADD COLUMN request_hash bytea CHECK (request_hash IS NULL OR length(request_hash) = 32);
-- A repeated signup mails the status link again, at most once per attendance per 10 minutes.
ALTER TABLE attendance ADD COLUMN repeat_mailed_at timestamptz;
