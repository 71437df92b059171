package org.opensignup.admin;

import java.util.List;

/**
 * The statistics as plain data, and their pictures: horizontal bar charts drawn as SVG on the server
 * (no script, no CDN), each also shown as a table, and the CSV of all numbers. Pure.
 */
public final class Stats {
  private Stats() {}

  /** One bar: a label and up to two stacked values (the second 0 for a plain bar). */
  public record Bar(String label, long value, long rest) {}

  public record CourseRow(String language, String course, int seats, long confirmed, long free, long waiting, long pool) {}

  public record Snapshot(List<CourseRow> courses, List<Bar> byOrigin, List<Bar> byDegree, List<Bar> bySemester, List<Bar> perMinute,
                         long payments, long receivedCents, long openCents, long unpaid, List<Bar> mail, List<List<String>> harvest) {}

  private static final int WIDTH = 640, ROW = 22, LABEL = 200;

  /** A bar chart; {@code title} names it for screen readers (the table next to it has the numbers). */
  public static String svg(String title, List<Bar> bars) {
    long max = 1;
    for (Bar b : bars) max = Math.max(max, b.value() + b.rest());
    int height = Math.max(1, bars.size()) * ROW + 10;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(height)
      .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\"><title>").append(esc(title)).append("</title>");
    int y = 5;
    double scale = (WIDTH - LABEL - 60) / (double) max;
    for (Bar b : bars) {
      int w1 = (int) Math.round(b.value() * scale), w2 = (int) Math.round(b.rest() * scale);
      s.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\" font-size=\"12\" font-family=\"sans-serif\">")
        .append(esc(b.label())).append("</text>");
      s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"").append(w1).append("\" height=\"16\" fill=\"#0a5c8a\"/>");
      if (w2 > 0) {
        s.append("<rect x=\"").append(LABEL + w1).append("\" y=\"").append(y + 3).append("\" width=\"").append(w2)
          .append("\" height=\"16\" fill=\"#b9d3e3\"/>");
      }
      s.append("<text x=\"").append(LABEL + w1 + w2 + 4).append("\" y=\"").append(y + 15).append("\" font-size=\"12\" font-family=\"sans-serif\">")
        .append(b.value()).append(b.rest() > 0 ? " / " + (b.value() + b.rest()) : "").append("</text>");
      y += ROW;
    }
    return s.append("</svg>").toString();
  }

  /** Every number of the page: section;label;values. */
  public static String csv(Snapshot s) {
    StringBuilder out = new StringBuilder("\uFEFFsection;label;value;value2;value3;value4;value5\r\n");
    for (CourseRow c : s.courses()) {
      line(out, "course", c.language() + " " + c.course(), c.seats(), c.confirmed(), c.free(), c.waiting(), c.pool());
    }
    for (Bar b : s.byOrigin()) line(out, "origin", b.label(), b.value());
    for (Bar b : s.byDegree()) line(out, "degree", b.label(), b.value());
    for (Bar b : s.bySemester()) line(out, "semester", b.label(), b.value());
    for (Bar b : s.perMinute()) line(out, "signups-per-minute", b.label(), b.value());
    line(out, "payments", "count", s.payments());
    line(out, "payments", "received-euro-cents", s.receivedCents());
    line(out, "payments", "open-euro-cents", s.openCents());
    line(out, "payments", "unpaid-attendances", s.unpaid());
    for (Bar b : s.mail()) line(out, "mail", b.label(), b.value());
    for (List<String> h : s.harvest()) out.append("harvest;").append(String.join(";", h.stream().map(Exports::cell).toList())).append("\r\n");
    return out.toString();
  }

  private static void line(StringBuilder out, String section, String label, long... values) {
    out.append(section).append(';').append(Exports.cell(label));
    for (long v : values) out.append(';').append(v);
    out.append("\r\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
