package org.opensignup.support;

/**
 * Languages in every phase and courses for each rule, with fixed ids so tests can name them.
 * Language 1 is open (first come first served), 2 is in its lottery window, 3 in the pause, 4 opens
 * later, 5 is closed, 6 is in manual mode.
 */
public final class SignupFixture {
  public static final long OPEN_A1 = 11, OPEN_A1_PARALLEL = 12, OPEN_A2_COLLIDES = 13, GATED_B2 = 14, OPEN_BIG = 15,
    OPEN_SMALL = 16, OPEN_NO_WAITLIST = 17, OPEN_BIG2 = 18, OPEN_BIG3 = 19, OPEN_FREE = 20,
    LOTTERY_COURSE = 21, LOTTERY_COURSE2 = 22, PAUSE_COURSE = 31, LATER_COURSE = 41, CLOSED_COURSE = 51, MANUAL_COURSE = 61;
  public static final long STUDENTS = 1, STAFF = 2, EXTERNAL = 3;

  private SignupFixture() {}

  public static void load(Sql sql) {
    sql.exec("""
      INSERT INTO origin (id, name_de, name_en, internal, validate_registration, requires_degree, first_course_free, discount_percent) VALUES
        (1, 'Studierende', 'Students', true, true, true, true, 0),
        (2, 'Beschäftigte', 'Staff', true, false, false, false, 50),
        (3, 'Externe', 'External', false, false, false, false, 0)""",
      "INSERT INTO degree (id, name_de, name_en) VALUES (1, 'Bachelor', 'Bachelor')",
      "INSERT INTO graduation (id, name_de, name_en) VALUES (1, 'Zertifikat', 'Certificate')",
      """
      INSERT INTO language (id, name_de, name_en, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode) VALUES
        (1, 'Offen', 'Open', now() - interval '2 days', now() - interval '1 day', now() - interval '1 hour', now() + interval '30 days', false),
        (2, 'Los', 'Lottery', now() - interval '1 hour', now() + interval '1 day', now() + interval '2 days', now() + interval '30 days', false),
        (3, 'Pause', 'Pause', now() - interval '2 days', now() - interval '1 day', now() + interval '1 day', now() + interval '30 days', false),
        (4, 'Später', 'Later', now() + interval '2 days', now() + interval '3 days', now() + interval '4 days', now() + interval '30 days', false),
        (5, 'Vorbei', 'Over', now() - interval '30 days', now() - interval '29 days', now() - interval '28 days', now() - interval '1 day', false),
        (6, 'Manuell', 'Manual', now() - interval '1 day', NULL, NULL, now() + interval '30 days', true)""",
      // lotteries that ended before the test were drawn then
      "UPDATE language SET lottery_drawn_at = lottery_end WHERE lottery_end < now()",
      """
      INSERT INTO course (id, language_id, level, alternative, seats, price_cents, rating_gated, rating_lowest, rating_highest,
                          collision, has_waiting_list, waiting_cap_factor) VALUES
        (11, 1, 'A1', '1', 2, 6000, false, 0, 100, '{}', true, 1),
        (12, 1, 'A1', '2', 2, 6000, false, 0, 100, '{}', true, 1),
        (13, 1, 'A2', '', 5, 6000, false, 0, 100, '{A1}', true, 3),
        (14, 1, 'B2', '', 5, 6000, true, 50, 70, '{}', true, 3),
        (15, 1, 'Conversation', '', 1000, 6000, false, 0, 100, '{}', true, 3),
        (16, 1, 'Small', '', 25, 6000, false, 0, 100, '{}', true, 3),
        (17, 1, 'NoWait', '', 1, 6000, false, 0, 100, '{}', false, 3),
        (18, 1, 'Writing', '', 1000, 6000, false, 0, 100, '{}', true, 3),
        (19, 1, 'Reading', '', 1000, 6000, false, 0, 100, '{}', true, 3),
        (20, 1, 'Free', '', 1000, 0, false, 0, 100, '{}', true, 3),
        (21, 2, 'L1', '', 3, 6000, false, 0, 100, '{}', true, 3),
        (22, 2, 'L2', '', 3, 6000, false, 0, 100, '{}', true, 3),
        (31, 3, 'P1', '', 10, 6000, false, 0, 100, '{}', true, 3),
        (41, 4, 'S1', '', 10, 6000, false, 0, 100, '{}', true, 3),
        (51, 5, 'V1', '', 10, 6000, false, 0, 100, '{}', true, 3),
        (61, 6, 'M1', '', 10, 6000, false, 0, 100, '{}', true, 3)""",
      "SELECT setval('course_id_seq', 100)", "SELECT setval('language_id_seq', 100)", "SELECT setval('origin_id_seq', 100)");
  }
}
