package org.opensignup.admin;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.opensignup.harvest.CsvParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of grades, pure: a grade is a percentage 0–100, optionally with the points it came from
 * (points ≤ maximum; with points and no percentage the percentage is computed), and/or a result
 * (passed, failed, attended). A grade sheet (CSV or XLSX) has the columns mail, grade, points,
 * pointsMax, result; rows are matched by mail.
 */
public final class Grades {
  public static final List<String> RESULTS = List.of("passed", "failed", "attended");

  private Grades() {}

  public record Grade(Integer percent, BigDecimal points, BigDecimal pointsMax, String result) {
    public boolean empty() {
      return percent == null && points == null && pointsMax == null && result == null;
    }

    public boolean sameAs(Grade o) {
      return Objects.equals(percent, o.percent) && cmp(points, o.points) && cmp(pointsMax, o.pointsMax) && Objects.equals(result, o.result);
    }

    private static boolean cmp(BigDecimal a, BigDecimal b) {
      return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public String text() {
      List<String> p = new ArrayList<>();
      if (percent != null) p.add(percent + " %");
      if (points != null) p.add(points.stripTrailingZeros().toPlainString() + (pointsMax == null ? "" : " / " + pointsMax.stripTrailingZeros().toPlainString()));
      if (result != null) p.add(result);
      return String.join(", ", p);
    }
  }

  /** A grade, or the message key of what is wrong with the input. */
  public record Parsed(Grade grade, String errorKey) {}

  public static Parsed parse(String percent, String points, String max, String result) {
    Integer pc = null;
    BigDecimal pts = null, mx = null;
    String res = blank(result) ? null : result.strip().toLowerCase(Locale.ROOT);
    try {
      if (!blank(percent)) {
        BigDecimal p = number(percent);
        if (p.scale() > 0 && p.stripTrailingZeros().scale() > 0) return new Parsed(null, "grades.error.percent");
        pc = p.intValueExact();
        if (pc < 0 || pc > 100) return new Parsed(null, "grades.error.percent");
      }
      if (!blank(points)) pts = number(points);
      if (!blank(max)) mx = number(max);
    } catch (NumberFormatException | ArithmeticException e) {
      return new Parsed(null, pc == null && !blank(percent) ? "grades.error.percent" : "grades.error.points");
    }
    if (pts != null && (pts.signum() < 0 || pts.scale() > 2 || pts.compareTo(new BigDecimal("99999")) > 0)) return new Parsed(null, "grades.error.points");
    if (mx != null && (mx.signum() <= 0 || mx.scale() > 2 || mx.compareTo(new BigDecimal("99999")) > 0)) return new Parsed(null, "grades.error.points");
    if (pts != null && mx != null && pts.compareTo(mx) > 0) return new Parsed(null, "grades.error.points-over-max");
    if (mx != null && pts == null) return new Parsed(null, "grades.error.points");
    if (res != null && !RESULTS.contains(res)) return new Parsed(null, "grades.error.result");
    if (pc == null && pts != null && mx != null) pc = pts.multiply(BigDecimal.valueOf(100)).divide(mx, 0, RoundingMode.HALF_UP).intValue();
    return new Parsed(new Grade(pc, pts, mx, res), null);
  }

  private static BigDecimal number(String s) {
    return new BigDecimal(s.strip().replace(',', '.'));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** One row of a grade sheet: its line (1 = header) and values by column name. */
  public record SheetRow(int line, Map<String, String> values) {}

  /** A sheet that cannot be read as a whole: the line (0: the file) and what is wrong. */
  public static final class SheetError extends RuntimeException {
    public final int line;
    public final String key;
    public final String detail;

    public SheetError(int line, String key, String detail) {
      super(key, null, false, false);
      this.line = line;
      this.key = key;
      this.detail = detail;
    }
  }

  static final List<String> SHEET_COLUMNS = List.of("mail", "grade", "points", "pointsmax", "result");

  /** Reads a CSV (comma or semicolon) or XLSX sheet; blocking for XLSX, so callers use a worker thread. */
  public static List<SheetRow> readSheet(String filename, byte[] bytes) {
    List<List<String>> table = new ArrayList<>();
    if (filename.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
        Sheet sheet = wb.getSheetAt(0);
        DataFormatter fmt = new DataFormatter(Locale.ROOT);
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
          Row row = sheet.getRow(r);
          List<String> cells = new ArrayList<>();
          if (row != null) {
            for (int c = 0; c < row.getLastCellNum(); c++) {
              Cell cell = row.getCell(c);
              cells.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                ? BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString() : fmt.formatCellValue(cell));
            }
          }
          table.add(cells);
        }
      } catch (IOException | RuntimeException e) {
        throw new SheetError(0, "grades.error.unreadable", filename);
      }
    } else {
      String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
      String first = text.lines().findFirst().orElse("");
      char delimiter = first.contains(";") ? ';' : ',';
      for (CsvParser.Record rec : new CsvParser(delimiter).parse(text)) table.add(rec.fields());
    }
    if (table.isEmpty()) throw new SheetError(0, "grades.error.empty", filename);
    List<String> header = table.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (!header.contains("mail")) throw new SheetError(1, "grades.error.no-mail-column", String.join(", ", SHEET_COLUMNS));
    for (String h : header) if (!h.isEmpty() && !SHEET_COLUMNS.contains(h)) throw new SheetError(1, "grades.error.unknown-column", h);
    List<SheetRow> rows = new ArrayList<>();
    for (int i = 1; i < table.size(); i++) {
      List<String> cells = table.get(i);
      if (cells.stream().allMatch(String::isBlank)) continue;
      Map<String, String> v = new HashMap<>();
      for (int c = 0; c < header.size() && c < cells.size(); c++) v.put(header.get(c), cells.get(c).strip());
      rows.add(new SheetRow(i + 1, v));
    }
    return rows;
  }
}
