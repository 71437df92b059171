package org.opensignup.harvest;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by a delimiter, optionally in double quotes (a quote inside a
 * quoted field is doubled; quoted fields may hold delimiters and line breaks), records ended by CRLF
 * or LF. Strict: text after a closing quote, a quote inside an unquoted field or an unterminated
 * quote is an error naming the line and column.
 */
public final class CsvParser {
  /** One record and the (1-based) line it starts on. */
  public record Record(int line, List<String> fields) {}

  private final char delimiter;

  public CsvParser(char delimiter) {
    this.delimiter = delimiter;
  }

  /** Parses all records; blank lines are skipped, a leading byte-order mark is ignored. */
  public List<Record> parse(String text) {
    List<Record> records = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    int line = 1;
    int lineStart = i;
    while (i < n) {
      int recordLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean endOfRecord = false;
      boolean blank = true;
      while (!endOfRecord) {
        if (i < n && text.charAt(i) == '"' && field.length() == 0) {
          blank = false;
          int quoteLine = line;
          int quoteColumn = i - lineStart + 1;
          i++;
          while (true) {
            if (i >= n) throw new ImportException(quoteLine, String.valueOf(quoteColumn), "quoted field is never closed");
            char c = text.charAt(i);
            if (c == '"') {
              if (i + 1 < n && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
                continue;
              }
              i++;
              break;
            }
            if (c == '\n') {
              line++;
              lineStart = i + 1;
            }
            field.append(c);
            i++;
          }
          if (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            throw new ImportException(line, String.valueOf(i - lineStart + 1), "unexpected '" + text.charAt(i) + "' after a closing quote");
          }
          // the closing quote is followed by a delimiter or the end of the record, handled below
          if (i < n && text.charAt(i) == delimiter) {
            fields.add(field.toString());
            field.setLength(0);
            i++;
            if (i >= n) {
              fields.add("");
              endOfRecord = true;
            }
            continue;
          }
        }
        if (i >= n) {
          fields.add(field.toString());
          endOfRecord = true;
          break;
        }
        char c = text.charAt(i);
        if (c == delimiter) {
          blank = false;
          fields.add(field.toString());
          field.setLength(0);
          i++;
          if (i >= n) {
            fields.add("");
            endOfRecord = true;
          }
        } else if (c == '\r' || c == '\n') {
          fields.add(field.toString());
          i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
          line++;
          lineStart = i;
          endOfRecord = true;
        } else if (c == '"') {
          throw new ImportException(line, String.valueOf(i - lineStart + 1), "a quote inside an unquoted field (quote the whole field and double the quote)");
        } else {
          // a line of only spaces is a blank line, not a record with one empty-ish field
          if (!Character.isWhitespace(c)) blank = false;
          field.append(c);
          i++;
        }
      }
      if (!blank) records.add(new Record(recordLine, List.copyOf(fields)));
    }
    return records;
  }
}
