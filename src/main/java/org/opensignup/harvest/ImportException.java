package org.opensignup.harvest;

/**
 * A file that cannot be imported, with where: line (1-based, as an editor counts; for JSON the
 * record number) and column (1-based character position for syntax errors, or the column name).
 */
public final class ImportException extends RuntimeException {
  private final int line;
  private final String column;

  public ImportException(int line, String column, String problem) {
    this("line", line, column, problem);
  }

  /** unit: "line" for text files, "record" for the elements of a JSON array. */
  public ImportException(String unit, int line, String column, String problem) {
    super(where(unit, line, column) + problem);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public String column() {
    return column;
  }

  private static String where(String unit, int line, String column) {
    if (line <= 0) return column == null ? "" : "column " + column + ": ";
    return unit + " " + line + (column == null ? "" : ", " + ("line".equals(unit) ? "column " : "field ") + column) + ": ";
  }
}
