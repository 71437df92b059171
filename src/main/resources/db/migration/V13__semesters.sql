-- Semesters as a first-class thing: every language belongs to one. A semester is open (staff work on
-- it) or archived (read-only: no staff writes, no new signups; the retention job anonymises its
-- people once the configured time has passed since the archive).
CREATE TABLE semester (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
    starts_on   date        NOT NULL,
    ends_on     date        NOT NULL,
    state       text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'archived')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    archived_at timestamptz,
    CHECK (starts_on <= ends_on),
    CHECK ((state = 'archived') = (archived_at IS NOT NULL))
);

-- the semester the languages so far belong to, spanning their signup windows (today when there are none)
INSERT INTO semester (name, starts_on, ends_on)
SELECT 'Semester ' || to_char(w.s, 'YYYY-MM'), w.s, greatest(w.e, w.s + 180)
  FROM (SELECT coalesce(min(signup_begin)::date, current_date) AS s, coalesce(max(signup_end)::date, current_date) AS e
          FROM language) w;

-- The current semester: the open one running today, else the open one that starts last. A new
-- language without a semester named belongs to it (the column's default), so every older way of
-- creating languages (imports, demo data, scripts) keeps working.
CREATE FUNCTION current_semester_id() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT id FROM semester WHERE state = 'open'
   ORDER BY (current_date BETWEEN starts_on AND ends_on) DESC, starts_on DESC, id DESC
   LIMIT 1
$$;

ALTER TABLE language ADD COLUMN semester_id bigint REFERENCES semester ON DELETE RESTRICT;
UPDATE language SET semester_id = (SELECT min(id) FROM semester);
ALTER TABLE language ALTER COLUMN semester_id SET DEFAULT current_semester_id();
ALTER TABLE language ALTER COLUMN semester_id SET NOT NULL;
CREATE INDEX language_by_semester ON language (semester_id);

-- a copied semester repeats its languages' names: a name is unique within its semester
ALTER TABLE language DROP CONSTRAINT language_name_de_key;
ALTER TABLE language ADD CONSTRAINT language_name_de_per_semester UNIQUE (semester_id, name_de);

-- The database backs the archive: no attendance is created in an archived semester's courses,
-- whichever way in (signup batch, staff add). Once per statement over the inserted rows, so a
-- signup batch of hundreds of rows pays for one small join.
CREATE FUNCTION refuse_attendance_in_archived_semester() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN course c ON c.id = n.course_id JOIN language l ON l.id = c.language_id
               JOIN semester s ON s.id = l.semester_id WHERE s.state = 'archived') THEN
    RAISE EXCEPTION 'the course belongs to an archived semester' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER attendance_not_in_archived_semester AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_attendance_in_archived_semester();
