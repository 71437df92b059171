package org.opensignup.storm;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What must hold after the storm, checked in the database and the mail sink; each broken one is reported. */
final class Invariants {
  private final String jdbcUrl;
  private final List<String> broken = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  Invariants(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  List<String> broken() {
    return broken;
  }

  List<String> checked() {
    return checked;
  }

  void checkDatabase(List<Burst.Answer> answers) throws SQLException {
    expectZero("no course holds more confirmed seats than it has",
      "SELECT count(*) FROM course c WHERE (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state = 'confirmed') > c.seats");
    expectZero("seat counters equal the rows",
      "SELECT count(*) FROM course c WHERE c.confirmed_count <> (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state = 'confirmed')"
        + " OR c.waiting_count <> (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state = 'waiting')");
    expectZero("no applicant holds two places in one course",
      "SELECT count(*) FROM (SELECT applicant_id, course_id FROM attendance WHERE state <> 'cancelled' GROUP BY 1, 2 HAVING count(*) > 1) d");
    expectZero("waiting places follow arrival (no seat given to a later arrival)",
      "SELECT count(*) FROM attendance w JOIN attendance c ON c.course_id = w.course_id AND c.state = 'confirmed' AND c.arrival > w.arrival WHERE w.state = 'waiting'");

    Map<String, String[]> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT a.secret, a.course_id, a.state, p.mail_key,"
           + " CASE WHEN a.state = 'waiting' THEN (SELECT count(*) + 1 FROM attendance w WHERE w.course_id = a.course_id"
           + " AND w.state = 'waiting' AND w.arrival < a.arrival) END FROM attendance a JOIN applicant p ON p.id = a.applicant_id")) {
      while (rs.next()) rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
    }
    int mismatched = 0;
    java.util.Set<String> answered = new java.util.HashSet<>();
    for (Burst.Answer a : answers) {
      String[] row = rows.get(a.secret());
      answered.add(a.secret());
      boolean ok = row != null && row[0].equals(String.valueOf(a.courseId())) && row[1].equals(a.state()) && row[2].equals(a.mail())
        && String.valueOf(a.position()).equals(String.valueOf(row[3]));
      if (!ok) mismatched++;
    }
    record("every 2xx answer matches its row (course, state, waiting position)", mismatched == 0, mismatched + " answers without a matching row");
    record("every row was answered (nothing acknowledged is missing, nothing written unanswered)", answered.size() == rows.size(),
      rows.size() + " rows, " + answered.size() + " distinct answers");
  }

  /** Each confirmed or waiting signup has exactly one mail, counted per recipient. */
  void checkMails(MimeMessage[] received) throws SQLException, MessagingException {
    Map<String, Integer> expected = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT p.mail_key, count(*) FROM attendance a JOIN applicant p ON p.id = a.applicant_id"
           + " WHERE a.state IN ('confirmed', 'waiting') GROUP BY 1")) {
      while (rs.next()) expected.put(rs.getString(1), rs.getInt(2));
    }
    Map<String, Integer> got = new HashMap<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    int duplicates = 0;
    for (MimeMessage m : received) {
      if (m.getMessageID() != null && !ids.add(m.getMessageID())) duplicates++;
      for (Address a : m.getRecipients(jakarta.mail.Message.RecipientType.TO)) got.merge(a.toString().toLowerCase(), 1, Integer::sum);
    }
    int wrong = 0;
    for (var e : expected.entrySet()) if (!e.getValue().equals(got.getOrDefault(e.getKey(), 0))) wrong++;
    for (var e : got.entrySet()) if (!expected.containsKey(e.getKey())) wrong++;
    record("every confirmed or waiting signup has exactly one mail in the sink", wrong == 0 && duplicates == 0,
      wrong + " recipients with the wrong number of mails, " + duplicates + " duplicate Message-IDs; "
        + expected.values().stream().mapToInt(Integer::intValue).sum() + " expected, " + received.length + " received");
  }

  private void expectZero(String what, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long n = rs.getLong(1);
      record(what, n == 0, n + " violations");
    }
  }

  void record(String what, boolean ok, String detail) {
    checked.add((ok ? "  ok      " : "  BROKEN  ") + what + (ok ? "" : ": " + detail));
    if (!ok) broken.add(what + ": " + detail);
  }
}
