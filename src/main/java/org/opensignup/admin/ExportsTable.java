package org.opensignup.admin;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attendance exports with columns the staff member picks, as CSV (semicolons, UTF-8 with BOM) or
 * XLSX with numbers as number cells. The matriculation number is stored only as a keyed hash and
 * cannot be exported. Pure; building a workbook is blocking, so callers use a worker thread.
 */
public final class ExportsTable {
  /** Every column, in the order of the file. */
  public static final List<String> COLUMNS = List.of("language", "course", "cefr", "lastName", "firstName", "mail", "state", "origin",
    "degree", "semester", "fee", "paid", "paymentState", "grade", "points", "pointsMax", "result", "gradedAt");
  /** The default choice on the export page. */
  public static final List<String> DEFAULT = List.of("course", "lastName", "firstName", "mail", "state", "paymentState");
  /**
   * The grade export for a campus system: fixed columns, machine-readable values (ISO dates, decimal
   * points, result codes passed/failed/attended), one row per confirmed attendance.
   */
  public static final List<String> GRADES = List.of("mail", "lastName", "firstName", "language", "course", "cefr", "grade", "points",
    "pointsMax", "result", "gradedAt");

  private ExportsTable() {}

  /** One attendance; numbers are Integer/BigDecimal so XLSX gets number cells. */
  public record Line(Map<String, Object> values) {}

  public static String csv(List<String> columns, List<Line> lines, Documents.Texts t) {
    StringBuilder out = new StringBuilder("\uFEFF").append(csvHeader(columns, t));
    for (Line l : lines) out.append(csvLine(columns, l));
    return out.toString();
  }

  /** The header line (without the BOM), CRLF-terminated. */
  static String csvHeader(List<String> columns, Documents.Texts t) {
    List<String> head = new ArrayList<>();
    for (String c : columns) head.add(Exports.cell(t.t("export.column." + c)));
    return String.join(";", head) + "\r\n";
  }

  static String csvLine(List<String> columns, Line l) {
    List<String> cells = new ArrayList<>();
    for (String c : columns) {
      Object v = l.values().get(c);
      cells.add(v == null ? "" : Exports.cell(v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(v)));
    }
    return String.join(";", cells) + "\r\n";
  }

  /** The campus-system grade file: codes for headers (not translated), so an import does not depend on the language. */
  public static String gradesCsv(List<Line> lines) {
    return csv(GRADES, lines, (key, args) -> key.substring("export.column.".length()));
  }

  public static byte[] xlsx(List<String> columns, List<Line> lines, Documents.Texts t) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Sheet sheet = xlsxSheet(wb, columns, t);
      int n = 1;
      for (Line l : lines) xlsxRow(sheet, n++, columns, l);
      wb.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sheet with its header row and column widths (also for streamed workbooks). */
  static Sheet xlsxSheet(Workbook wb, List<String> columns, Documents.Texts t) {
    Sheet sheet = wb.createSheet("Export");
    Row head = sheet.createRow(0);
    for (int i = 0; i < columns.size(); i++) head.createCell(i).setCellValue(t.t("export.column." + columns.get(i)));
    for (int i = 0; i < columns.size(); i++) sheet.setColumnWidth(i, ("mail".equals(columns.get(i)) ? 32 : 16) * 256);
    return sheet;
  }

  /** Row {@code n}: numbers as number cells, text as text, nothing for missing values. */
  static void xlsxRow(Sheet sheet, int n, List<String> columns, Line l) {
    Row row = sheet.createRow(n);
    for (int i = 0; i < columns.size(); i++) {
      Object v = l.values().get(columns.get(i));
      if (v instanceof Number num) row.createCell(i).setCellValue(num.doubleValue());
      else if (v != null) row.createCell(i).setCellValue(String.valueOf(v));
    }
  }
}
