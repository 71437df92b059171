-- Staff desk: a course can be closed (no new signups; its attendances stay) and reopened, and a
-- payment carries the day it was made, which staff enter (it may be earlier than when it is recorded).

-- null: open; otherwise when staff closed it (who did is in the audit log)
ALTER TABLE course ADD COLUMN closed_at timestamptz;

-- the day the money was paid, in the language centre's calendar; older rows take the day they were recorded
ALTER TABLE payment ADD COLUMN paid_on date;
UPDATE payment SET paid_on = (paid_at AT TIME ZONE 'Europe/Berlin')::date;

-- a writer that names no day (the course page's older payment form) gets the day of paid_at, so a row
-- inserted with an earlier paid_at keeps its own day rather than today's
CREATE FUNCTION payment_paid_on_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.paid_on IS NULL THEN
    NEW.paid_on := (NEW.paid_at AT TIME ZONE 'Europe/Berlin')::date;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_paid_on_default BEFORE INSERT ON payment FOR EACH ROW EXECUTE FUNCTION payment_paid_on_default();

ALTER TABLE payment ALTER COLUMN paid_on SET NOT NULL,
    -- never after the day it was recorded (a day's slack for clocks and zones)
    ADD CONSTRAINT payment_paid_on_not_future CHECK (paid_on <= (paid_at AT TIME ZONE 'Europe/Berlin')::date + 1),
    ADD CONSTRAINT payment_paid_on_sane CHECK (paid_on >= date '2000-01-01');
