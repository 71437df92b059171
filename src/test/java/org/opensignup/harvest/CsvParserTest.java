package org.opensignup.harvest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvParserTest {
  private final CsvParser comma = new CsvParser(',');

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
    List<CsvParser.Record> r = comma.parse("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
    assertEquals(3, r.size());
    assertEquals(List.of("x,1", "say \"hi\"", "two\nlines"), r.get(1).fields());
    assertEquals(List.of("last", "", ""), r.get(2).fields());
    assertEquals(4, r.get(2).line(), "the record after a quoted line break starts on line 4");
  }

  @Test
  void otherDelimitersBlankLinesAndByteOrderMark() {
    List<CsvParser.Record> r = new CsvParser(';').parse("\uFEFFtag;points\n\n123;4,5\n");
    assertEquals(List.of("tag", "points"), r.get(0).fields());
    assertEquals(List.of("123", "4,5"), r.get(1).fields());
    assertEquals(3, r.get(1).line());
    assertEquals(List.of("a", "b"), new CsvParser('\t').parse("a\tb").get(0).fields());
  }

  @Test
  void unterminatedQuoteReportsWhereItOpened() {
    ImportException e = assertThrows(ImportException.class, () -> comma.parse("a,b\n1,\"open\n2,3\n"));
    assertEquals(2, e.line());
    assertEquals("3", e.column());
    assertTrue(e.getMessage().startsWith("line 2, column 3: "), e.getMessage());
  }

  @Test
  void strayQuotesAreRefusedWithLineAndColumn() {
    ImportException after = assertThrows(ImportException.class, () -> comma.parse("a,b\n\"x\"y,2\n"));
    assertEquals(2, after.line());
    assertEquals("4", after.column());
    ImportException inside = assertThrows(ImportException.class, () -> comma.parse("a,b\nab\"c,2\n"));
    assertEquals(2, inside.line());
    assertEquals("3", inside.column());
  }

  @Test
  void emptyQuotedFieldAtTheEnd() {
    assertEquals(List.of("a", ""), comma.parse("a,\"\"").get(0).fields());
    assertEquals(List.of("a", ""), comma.parse("a,").get(0).fields());
  }
}
