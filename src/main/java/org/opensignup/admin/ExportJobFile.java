package org.opensignup.admin;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The file of one background export, written to a temporary file a page at a time, so memory holds
 * one page, not the semester: CSV streamed, XLSX through POI's streaming workbook (100 rows in
 * memory, the rest in its own temporary file), a zip of PDFs one entry at a time. Blocking: every
 * method runs on a worker thread, one call after the other.
 */
final class ExportJobFile implements AutoCloseable {
  private static final int XLSX_WINDOW = 100;

  final String format;
  final Path path;
  private final List<String> columns;
  private Writer csv;
  private SXSSFWorkbook workbook;
  private Sheet sheet;
  private int nextRow = 1;
  private ZipOutputStream zip;

  private ExportJobFile(String format, Path path, List<String> columns) {
    this.format = format;
    this.path = path;
    this.columns = columns;
  }

  static ExportJobFile open(String format, List<String> columns, Documents.Texts t) throws IOException {
    ExportJobFile f = new ExportJobFile(format, Files.createTempFile("opensignup-export-", "." + format), columns);
    try {
      switch (format) {
        case "csv" -> {
          f.csv = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(f.path), StandardCharsets.UTF_8));
          f.csv.write("\uFEFF" + ExportsTable.csvHeader(columns, t));
        }
        case "xlsx" -> {
          f.workbook = new SXSSFWorkbook(XLSX_WINDOW);
          f.sheet = ExportsTable.xlsxSheet(f.workbook, columns, t);
        }
        case "zip" -> f.zip = new ZipOutputStream(Files.newOutputStream(f.path), StandardCharsets.UTF_8);
        default -> throw new IllegalArgumentException("format " + format);
      }
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    return f;
  }

  void append(List<ExportsTable.Line> lines) throws IOException {
    for (ExportsTable.Line l : lines) {
      if (csv != null) csv.write(ExportsTable.csvLine(columns, l));
      else ExportsTable.xlsxRow(sheet, nextRow++, columns, l);
    }
  }

  void appendEntry(String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  /** Completes the file at {@link #path}. */
  void finish() throws IOException {
    if (csv != null) {
      csv.close();
      csv = null;
    } else if (workbook != null) {
      try (OutputStream out = Files.newOutputStream(path)) {
        workbook.write(out);
      }
    } else if (zip != null) {
      zip.close();
      zip = null;
    }
  }

  String contentType() {
    return switch (format) {
      case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      case "zip" -> "application/zip";
      default -> "text/csv; charset=utf-8";
    };
  }

  /** Releases everything, the temporary files included; safe to call more than once. */
  @Override
  public void close() {
    try {
      if (csv != null) csv.close();
      if (zip != null) zip.close();
      if (workbook != null) {
        workbook.dispose(); // the streaming workbook's own temporary files
        workbook.close();
      }
    } catch (IOException e) {
      // the file is discarded anyway
    } finally {
      csv = null;
      zip = null;
      workbook = null;
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        path.toFile().deleteOnExit();
      }
    }
  }
}
