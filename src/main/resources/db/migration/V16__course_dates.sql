-- The first and last day a course meets. With the weekly schedule text ("Mo 17:30–19:00") they give
-- the course's sessions: the first date in the confirmation mail and its calendar file (ICS).
-- Both are optional: a course without them gets its mails without a calendar file.
ALTER TABLE course ADD COLUMN first_date date,
    ADD COLUMN last_date date,
    ADD CONSTRAINT course_dates_in_order CHECK (first_date IS NULL OR last_date IS NULL OR first_date <= last_date);
