package org.opensignup.admin;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The staff's printed documents as PDF: course list, presence list (a column per session date),
 * participation certificates and payment receipts, in German or English. Pure: data in, bytes out;
 * blocking and CPU-bound, so callers run it on a worker thread.
 */
public final class Documents {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  /** Date columns per presence-list page; more dates continue on further pages. */
  static final int DATES_PER_PAGE = 12;
  public static final int MAX_DATES = 60;

  private Documents() {}

  /** Texts by key and arguments (the caller's message bundle). */
  public interface Texts {
    String t(String key, Object... args);
  }

  public record Course(long id, String language, String name, String ger, String schedule) {
    String title() {
      return language + " " + name;
    }
  }

  public record Person(long attendanceId, String firstName, String lastName, String mail, int feeCents, int paidCents,
                       Integer grade, BigDecimal points, BigDecimal pointsMax, String result) {
    String name() {
      return lastName + ", " + firstName;
    }

    /** A certificate is given for a grade, or for the result passed or attended. */
    public boolean certifiable() {
      return grade != null || "passed".equals(result) || "attended".equals(result);
    }
  }

  public record Payment(OffsetDateTime paidAt, int amountCents, String note) {}

  /** The courses' lists, each course from a new page. */
  public static byte[] courseList(List<Course> courses, List<List<Person>> people, String lang, Texts t) {
    try (DocumentsPdf pdf = new DocumentsPdf(false)) {
      for (int c = 0; c < courses.size(); c++) {
        Course course = courses.get(c);
        pdf.newPage();
        header(pdf, t.t("doc.list.title"), course, lang, t);
        float w = pdf.width();
        float[] widths = {w * 0.06f, w * 0.34f, w * 0.36f, w * 0.24f};
        pdf.row(new String[] {"#", t.t("doc.column.name"), t.t("doc.column.mail"), t.t("doc.column.paid")}, widths, 10, true, 18);
        int n = 0;
        for (Person p : people.get(c)) {
          String paid = p.paidCents() >= p.feeCents() ? t.t("doc.paid.yes") : Euros.format(p.paidCents()) + " / " + Euros.format(p.feeCents());
          pdf.row(new String[] {String.valueOf(++n), p.name(), p.mail(), paid}, widths, 9, false, 16);
        }
        pdf.skip(8);
        pdf.line(t.t("doc.list.count", n), 9, false);
      }
      return pdf.bytes();
    }
  }

  /** Presence lists: per course a table of names against the session dates, to be signed or ticked. */
  public static byte[] presenceList(List<Course> courses, List<List<Person>> people, List<LocalDate> dates, String lang, Texts t) {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("de".equals(lang) ? "dd.MM." : "dd/MM", Locale.forLanguageTag(lang));
    try (DocumentsPdf pdf = new DocumentsPdf(true)) {
      for (int c = 0; c < courses.size(); c++) {
        List<LocalDate> remaining = dates.isEmpty() ? List.of() : dates;
        int from = 0;
        do {
          List<LocalDate> slice = remaining.subList(from, Math.min(remaining.size(), from + DATES_PER_PAGE));
          pdf.newPage();
          header(pdf, t.t("doc.presence.title"), courses.get(c), lang, t);
          float w = pdf.width();
          // without dates: blank columns, dated by hand
          int columns = slice.isEmpty() ? DATES_PER_PAGE : slice.size();
          float nameWidth = w * 0.28f;
          float[] widths = new float[columns + 2];
          widths[0] = w * 0.04f;
          widths[1] = nameWidth;
          for (int i = 0; i < columns; i++) widths[i + 2] = (w - widths[0] - nameWidth) / columns;
          String[] head = new String[columns + 2];
          head[0] = "#";
          head[1] = t.t("doc.column.name");
          for (int i = 0; i < columns; i++) head[i + 2] = i < slice.size() ? day.format(slice.get(i)) : "";
          pdf.row(head, widths, 9, true, 18);
          int n = 0;
          for (Person p : people.get(c)) {
            String[] cells = new String[columns + 2];
            cells[0] = String.valueOf(++n);
            cells[1] = p.name();
            pdf.row(cells, widths, 9, false, 20);
          }
          from += DATES_PER_PAGE;
        } while (from < remaining.size());
      }
      return pdf.bytes();
    }
  }

  /** One page per certifiable person: who took part in which course, at which level, with which result. */
  public static byte[] certificates(Course course, List<Person> people, String lang, Texts t) {
    try (DocumentsPdf pdf = new DocumentsPdf(false)) {
      for (Person p : people) {
        if (!p.certifiable()) continue;
        pdf.newPage();
        pdf.skip(60);
        pdf.line(t.t("doc.certificate.title"), 22, true);
        pdf.skip(30);
        pdf.paragraph(t.t("doc.certificate.text", p.firstName() + " " + p.lastName(), course.title()), 12);
        pdf.skip(10);
        if (course.ger() != null && !course.ger().isEmpty()) pdf.line(t.t("doc.certificate.level", course.ger()), 12, false);
        if (course.schedule() != null && !course.schedule().isBlank()) pdf.paragraph(t.t("doc.certificate.schedule", course.schedule()), 12);
        String result = result(p, lang, t);
        if (!result.isEmpty()) pdf.line(t.t("doc.certificate.result", result), 12, true);
        pdf.skip(60);
        pdf.line(t.t("doc.issued", date(lang, LocalDate.now(ZONE))), 11, false);
        pdf.skip(40);
        pdf.line("______________________________", 11, false);
        pdf.line(t.t("doc.certificate.signature"), 9, false);
      }
      return pdf.bytes();
    }
  }

  /** "84 % (42 / 50 points), passed" — what is set of grade, points and result. */
  static String result(Person p, String lang, Texts t) {
    List<String> parts = new ArrayList<>();
    if (p.grade() != null) {
      String g = p.grade() + " %";
      if (p.points() != null && p.pointsMax() != null) g += " (" + t.t("doc.points", num(p.points(), lang), num(p.pointsMax(), lang)) + ")";
      parts.add(g);
    }
    if (p.result() != null) parts.add(t.t("doc.result." + p.result()));
    return String.join(", ", parts);
  }

  private static String num(BigDecimal n, String lang) {
    String s = n.stripTrailingZeros().toPlainString();
    return "de".equals(lang) ? s.replace('.', ',') : s;
  }

  /** A receipt for the payments of one attendance. */
  public static byte[] receipt(Course course, Person p, List<Payment> payments, long number, String lang, Texts t) {
    DateTimeFormatter when = DateTimeFormatter.ofPattern("de".equals(lang) ? "dd.MM.yyyy" : "d MMM yyyy", Locale.forLanguageTag(lang));
    try (DocumentsPdf pdf = new DocumentsPdf(false)) {
      pdf.newPage();
      pdf.line(t.t("doc.receipt.title"), 20, true);
      pdf.line(t.t("doc.receipt.number", number), 10, false);
      pdf.skip(20);
      pdf.line(p.firstName() + " " + p.lastName(), 12, true);
      pdf.line(p.mail(), 10, false);
      pdf.skip(12);
      pdf.line(t.t("doc.receipt.course", course.title()), 11, false);
      pdf.line(t.t("doc.receipt.fee", Euros.format(p.feeCents())), 11, false);
      pdf.skip(12);
      float w = pdf.width();
      float[] widths = {w * 0.25f, w * 0.25f, w * 0.5f};
      pdf.row(new String[] {t.t("doc.column.date"), t.t("doc.column.amount"), t.t("doc.column.note")}, widths, 10, true, 18);
      int total = 0;
      for (Payment pay : payments) {
        total += pay.amountCents();
        pdf.row(new String[] {when.format(pay.paidAt().atZoneSameInstant(ZONE)), Euros.format(pay.amountCents()) + " €",
          pay.note() == null ? "" : pay.note()}, widths, 10, false, 18);
      }
      pdf.skip(10);
      pdf.line(t.t("doc.receipt.total", Euros.format(total)), 12, true);
      if (total < p.feeCents()) pdf.line(t.t("doc.receipt.open", Euros.format(p.feeCents() - total)), 11, false);
      pdf.skip(30);
      pdf.line(t.t("doc.issued", date(lang, LocalDate.now(ZONE))), 10, false);
      return pdf.bytes();
    }
  }

  private static void header(DocumentsPdf pdf, String title, Course course, String lang, Texts t) {
    pdf.line(title, 16, true);
    pdf.line(course.title() + (course.ger() == null || course.ger().isEmpty() ? "" : " (" + course.ger() + ")"), 13, true);
    if (course.schedule() != null && !course.schedule().isBlank()) pdf.line(course.schedule(), 10, false);
    pdf.line(t.t("doc.printed", date(lang, LocalDate.now(ZONE))), 9, false);
    pdf.skip(8);
  }

  static String date(String lang, LocalDate d) {
    return DateTimeFormatter.ofPattern("de".equals(lang) ? "d. MMMM yyyy" : "d MMMM yyyy", Locale.forLanguageTag(lang)).format(d);
  }

  /**
   * Session dates for a presence list: the days from {@code from} to {@code to} that fall on one of
   * the weekdays (1 = Monday … 7 = Sunday), at most {@link #MAX_DATES}; null when the range is unusable.
   */
  public static List<LocalDate> sessions(LocalDate from, LocalDate to, List<Integer> weekdays) {
    if (from == null || to == null || to.isBefore(from) || weekdays.isEmpty()) return null;
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (weekdays.contains(d.getDayOfWeek().getValue())) {
        if (out.size() == MAX_DATES) return null;
        out.add(d);
      }
    }
    return out;
  }
}
