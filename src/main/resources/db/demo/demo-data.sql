-- Demo data for development: loaded once into an empty database. Times are relative to the
-- first start so that every phase can be seen at once.
-- proof: staff prove their origin by the login (claim "affiliation" = staff or employee); alumni wait
-- for staff to confirm it, paying the full fee until then
INSERT INTO origin (name_de, name_en, internal, validate_registration, requires_degree, first_course_free, discount_percent,
                    proof, proof_claim, proof_values) VALUES
  ('Studierende', 'Students', true, true, true, true, 0, 'none', NULL, '{}'),
  ('Beschäftigte', 'Staff', true, false, false, false, 50, 'login', 'affiliation', '{staff,employee}'),
  ('Alumni', 'Alumni', false, false, false, false, 50, 'staff', NULL, '{}'),
  ('Externe', 'External', false, false, false, false, 0, 'none', NULL, '{}');

INSERT INTO degree (name_de, name_en) VALUES ('Bachelor', 'Bachelor'), ('Master', 'Master'), ('Promotion', 'Doctorate');
INSERT INTO graduation (name_de, name_en) VALUES ('Zertifikat', 'Certificate'), ('ECTS-Punkte', 'ECTS credits'), ('Kein Abschluss', 'None');

INSERT INTO language (name_de, name_en, reply_to, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode) VALUES
  ('Englisch', 'English', 'englisch@localhost', now() - interval '2 days', now() - interval '1 day', now() - interval '1 hour', now() + interval '30 days', false),
  ('Französisch', 'French', 'franzoesisch@localhost', now() - interval '1 hour', now() + interval '2 days', now() + interval '3 days', now() + interval '30 days', false),
  ('Spanisch', 'Spanish', 'spanisch@localhost', now() + interval '3 days', now() + interval '4 days', now() + interval '5 days', now() + interval '30 days', false),
  ('Deutsch als Fremdsprache', 'German as a foreign language', 'daf@localhost', now() - interval '1 day', NULL, NULL, now() + interval '30 days', true);
-- lotteries that ended before the demo begins were drawn then
UPDATE language SET lottery_drawn_at = lottery_end WHERE lottery_end < now();

INSERT INTO course (language_id, level, alternative, ger, schedule, seats, price_cents, rating_gated, rating_lowest, rating_highest, collision)
SELECT l.id, v.level, v.alternative, v.ger, v.schedule, v.seats, v.price, v.gated, v.low, v.high, v.collision
  FROM language l
  JOIN (VALUES
    ('Englisch', 'English B1', '1', 'B1', 'Mo 17:30–19:00', 20, 6000, false, 40, 60, ARRAY['English B1']),
    ('Englisch', 'English B1', '2', 'B1', 'Mi 9:45–11:15', 20, 6000, false, 40, 60, ARRAY['English B1']),
    ('Englisch', 'English B2', '', 'B2', 'Di 14:00–15:30', 4, 6000, true, 60, 80, '{}'),
    ('Englisch', 'Academic Writing', '', 'C1', 'Do 11:30–13:00', 15, 8000, true, 75, 100, '{}'),
    ('Französisch', 'Français A1', '', 'A1', 'Mo 9:45–11:15', 25, 6000, false, 0, 100, '{}'),
    ('Französisch', 'Français A2', '', 'A2', 'Mi 17:30–19:00', 25, 6000, false, 0, 100, '{}'),
    ('Spanisch', 'Español A1', '', 'A1', 'Di 17:30–19:00', 25, 6000, false, 0, 100, '{}'),
    ('Deutsch als Fremdsprache', 'Deutsch B2', '', 'B2', 'Fr 9:45–11:15', 18, 0, false, 0, 100, '{}')
  ) AS v(lang, level, alternative, ger, schedule, seats, price, gated, low, high, collision) ON v.lang = l.name_de;

-- where and when the demo courses meet: twelve weeks from two weeks on, so the confirmation mails
-- carry a first meeting and a calendar file
UPDATE course SET first_date = current_date + 14, last_date = current_date + 14 + 84,
                  room = 'Raum ' || (100 + id), teacher = CASE WHEN id % 2 = 0 THEN 'Dana Dozentin' ELSE 'Lee Lecturer' END;
