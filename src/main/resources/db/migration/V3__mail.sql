-- Mail: wake every mail sender on any node when outbox rows are committed (LISTEN opensignup_mail).
-- One NOTIFY per statement and lane; PostgreSQL delivers it only after the inserting transaction
-- commits, so a sender never looks for a row it cannot see yet.
CREATE FUNCTION mail_outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    l text;
BEGIN
    FOR l IN SELECT DISTINCT lane FROM inserted LOOP
        PERFORM pg_notify('opensignup_mail', l);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER mail_outbox_notify
    AFTER INSERT ON mail_outbox
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION mail_outbox_notify();

-- bounces are looked up by mail and by address
CREATE INDEX mail_bounce_outbox ON mail_bounce (outbox_id);
CREATE INDEX mail_bounce_recipient ON mail_bounce (lower(recipient));
