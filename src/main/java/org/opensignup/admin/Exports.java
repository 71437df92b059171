package org.opensignup.admin;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Attendance lists as CSV and XLSX. Building a workbook is blocking work: callers run
 * {@link #xlsx} in executeBlocking, never on an event loop.
 */
public final class Exports {
  private static final String[] COLUMNS = {"lastName", "firstName", "mail", "state", "position", "fee", "paid", "paidAt", "bouncing"};

  private Exports() {}

  /** The words of one language: a message by its key, and a moment as the reader writes it (given by the caller's locale). */
  public record Texts(Function<String, String> text, Function<Instant, String> dateTime) {}

  public static String csv(List<AdminStore.Attendee> list, Texts lang) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < COLUMNS.length; i++) {
      if (i > 0) out.append(';');
      out.append(cell(header(lang, COLUMNS[i])));
    }
    out.append("\r\n");
    for (AdminStore.Attendee a : list) {
      Object[] v = values(a, lang);
      for (int i = 0; i < v.length; i++) {
        if (i > 0) out.append(';');
        out.append(cell(v[i] == null ? "" : String.valueOf(v[i])));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  public static byte[] xlsx(String sheetName, List<AdminStore.Attendee> list, Texts lang) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(sheetName));
      Row head = sheet.createRow(0);
      for (int i = 0; i < COLUMNS.length; i++) head.createCell(i).setCellValue(header(lang, COLUMNS[i]));
      int n = 1;
      for (AdminStore.Attendee a : list) {
        Row row = sheet.createRow(n++);
        Object[] v = values(a, lang);
        for (int i = 0; i < v.length; i++) {
          if (v[i] instanceof Number num) row.createCell(i).setCellValue(num.doubleValue());
          else row.createCell(i).setCellValue(v[i] == null ? "" : String.valueOf(v[i]));
        }
      }
      // fixed widths: autoSizeColumn needs AWT fonts, which a headless server may lack
      for (int i = 0; i < COLUMNS.length; i++) sheet.setColumnWidth(i, (i == 2 ? 32 : 16) * 256);
      wb.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(Texts lang, String column) {
    return lang.text().apply("admin.column." + column);
  }

  private static Object[] values(AdminStore.Attendee a, Texts lang) {
    return new Object[] {a.lastName(), a.firstName(), a.mail(), lang.text().apply("admin.state." + a.state()), a.position(),
      a.feeCents() / 100.0, a.paidCents() / 100.0, a.paidAt() == null ? "" : lang.dateTime().apply(a.paidAt().toInstant()),
      a.bouncing() ? lang.text().apply("admin.yes") : ""};
  }

  /**
   * One CSV field: quoted when needed, and a leading =, +, - or @ defused, so a name like
   * "=HYPERLINK(...)" stays text when the file is opened in a spreadsheet.
   */
  static String cell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) v = "'" + v;
    if (v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) v = "\"" + v.replace("\"", "\"\"") + "\"";
    return v;
  }
}
