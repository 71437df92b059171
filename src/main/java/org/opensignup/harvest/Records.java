package org.opensignup.harvest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a CSV file (with a header row) or a JSON array of objects into rows of named values,
 * each with its line (CSV) or record number (JSON), checking the required columns are there.
 */
public final class Records {
  /** One data row: where it is, and its values by the configured column name. */
  public record Row(int line, Map<String, String> values) {
    public String get(String column) {
      return values.get(column);
    }
  }

  /** The rows and the word for their position ("line" or "record") used in error messages. */
  public record Table(String unit, List<Row> rows) {}

  private Records() {}

  public static Table read(byte[] bytes, SourceConfig.Format format, char delimiter, Charset charset, List<String> columns) {
    String text = decode(bytes, charset);
    return format == SourceConfig.Format.CSV ? csv(text, delimiter, columns) : json(text, columns);
  }

  static String decode(byte[] bytes, Charset charset) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ImportException(0, null, "the file is not valid " + charset.name() + " text");
    }
  }

  static Table csv(String text, char delimiter, List<String> columns) {
    List<CsvParser.Record> records = new CsvParser(delimiter).parse(text);
    if (records.isEmpty()) throw new ImportException(1, null, "the file is empty; expected a header row with " + columns);
    CsvParser.Record header = records.get(0);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && index.putIfAbsent(name, i) != null) {
        throw new ImportException(header.line(), String.valueOf(i + 1), "column name '" + header.fields().get(i).strip() + "' appears twice in the header");
      }
    }
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (String c : columns) {
      Integer at = index.get(c.strip().toLowerCase(Locale.ROOT));
      if (at == null) throw new ImportException(header.line(), "'" + c + "'", "column is missing; the header has " + header.fields());
      wanted.put(c, at);
    }
    int width = header.fields().size();
    List<Row> rows = new ArrayList<>(records.size() - 1);
    for (CsvParser.Record r : records.subList(1, records.size())) {
      if (r.fields().size() != width) {
        throw new ImportException(r.line(), null, "has " + r.fields().size() + " fields, the header has " + width);
      }
      Map<String, String> values = new HashMap<>();
      wanted.forEach((c, at) -> values.put(c, r.fields().get(at)));
      rows.add(new Row(r.line(), values));
    }
    return new Table("line", rows);
  }

  static Table json(String text, List<String> columns) {
    Object parsed;
    try {
      String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
      parsed = t.strip().startsWith("[") ? new JsonArray(t) : null;
    } catch (DecodeException e) {
      throw jsonSyntax(e);
    }
    if (!(parsed instanceof JsonArray array)) throw new ImportException(1, "1", "expected a JSON array of objects");
    List<Row> rows = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      int n = i + 1;
      if (!(array.getValue(i) instanceof JsonObject o)) throw new ImportException("record", n, null, "is not a JSON object");
      Map<String, String> lower = new HashMap<>();
      o.forEach(e -> lower.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue() == null ? null : e.getValue().toString()));
      Map<String, String> values = new HashMap<>();
      for (String c : columns) {
        String key = c.strip().toLowerCase(Locale.ROOT);
        if (!lower.containsKey(key)) throw new ImportException("record", n, "'" + c + "'", "field is missing");
        Object raw = o.getValue(o.fieldNames().stream().filter(k -> k.strip().equalsIgnoreCase(c.strip())).findFirst().orElse(c));
        if (raw instanceof JsonObject || raw instanceof JsonArray) throw new ImportException("record", n, "'" + c + "'", "expected a text or number, not " + raw);
        values.put(c, lower.get(key));
      }
      rows.add(new Row(n, values));
    }
    return new Table("record", rows);
  }

  /** Jackson's message carries the line and column of the syntax error; keep just those. */
  private static ImportException jsonSyntax(DecodeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
        return new ImportException(j.getLocation().getLineNr(), String.valueOf(j.getLocation().getColumnNr()),
          "not valid JSON: " + j.getOriginalMessage());
      }
    }
    return new ImportException(0, null, "not valid JSON: " + e.getMessage());
  }
}
