package org.opensignup.admin;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A small page writer over PDFBox: pages, a cursor, text in DejaVu Sans (embedded as a subset, so
 * umlauts, Greek, Cyrillic and many other scripts print), lines and table rows with page breaks.
 * Blocking and CPU-bound: run it on a worker thread.
 */
final class DocumentsPdf implements AutoCloseable {
  static final float MARGIN = 50;
  private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
  private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");

  private final PDDocument doc = new PDDocument();
  private final PDType0Font regular;
  private final PDType0Font bold;
  private final PDRectangle size;
  private PDPageContentStream out;
  private float y;

  DocumentsPdf(boolean landscape) {
    size = landscape ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
    try {
      regular = PDType0Font.load(doc, new ByteArrayInputStream(REGULAR), true);
      bold = PDType0Font.load(doc, new ByteArrayInputStream(BOLD), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] font(String resource) {
    try (InputStream in = DocumentsPdf.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("font " + resource + " is missing from the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float width() {
    return size.getWidth() - 2 * MARGIN;
  }

  float y() {
    return y;
  }

  void newPage() {
    try {
      if (out != null) out.close();
      PDPage page = new PDPage(size);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      y = size.getHeight() - MARGIN;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves the cursor down; starts a new page when less than {@code need} points are left. */
  boolean ensure(float need) {
    if (out == null || y - need < MARGIN) {
      newPage();
      return true;
    }
    return false;
  }

  void skip(float points) {
    y -= points;
  }

  /** One line of text at the cursor, then the cursor moves below it. */
  void line(String text, float fontSize, boolean strong) {
    ensure(fontSize * 1.6f);
    y -= fontSize * 1.3f;
    text(MARGIN, y, text, fontSize, strong, width());
    y -= fontSize * 0.3f;
  }

  /** Text wrapped at the page width. */
  void paragraph(String text, float fontSize) {
    for (String para : text.split("\n")) {
      StringBuilder current = new StringBuilder();
      for (String word : para.split(" ")) {
        String tryLine = current.isEmpty() ? word : current + " " + word;
        if (width(tryLine, fontSize, false) > width() && !current.isEmpty()) {
          line(current.toString(), fontSize, false);
          current = new StringBuilder(word);
        } else {
          current = new StringBuilder(tryLine);
        }
      }
      line(current.toString(), fontSize, false);
    }
  }

  /** A table row: cells in columns of the given widths, with a rule below; cut to fit each column. */
  void row(String[] cells, float[] widths, float fontSize, boolean strong, float height) {
    ensure(height + 2);
    float x = MARGIN;
    float base = y - height + (height - fontSize) / 2 + 1;
    for (int i = 0; i < cells.length; i++) {
      text(x + 2, base, cells[i] == null ? "" : cells[i], fontSize, strong, widths[i] - 4);
      x += widths[i];
    }
    y -= height;
    rule(MARGIN, y, x);
    // column separators (a presence list is ticked in its boxes)
    float cx = MARGIN;
    try {
      for (float w : widths) {
        cx += w;
        out.moveTo(cx, y);
        out.lineTo(cx, y + height);
      }
      out.moveTo(MARGIN, y);
      out.lineTo(MARGIN, y + height);
      out.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void rule(float x1, float at, float x2) {
    try {
      out.setLineWidth(0.5f);
      out.moveTo(x1, at);
      out.lineTo(x2, at);
      out.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void text(float x, float at, String text, float fontSize, boolean strong, float maxWidth) {
    PDType0Font f = strong ? bold : regular;
    String s = printable(f, text);
    while (!s.isEmpty() && width(s, fontSize, strong) > maxWidth) s = s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) - 1));
    try {
      out.beginText();
      out.setFont(f, fontSize);
      out.newLineAtOffset(x, at);
      out.showText(s);
      out.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float width(String text, float fontSize, boolean strong) {
    PDType0Font f = strong ? bold : regular;
    try {
      return f.getStringWidth(printable(f, text)) / 1000 * fontSize;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Characters the font has no glyph for (some scripts are not in DejaVu) print as '?', rather than failing the document. */
  private static String printable(PDType0Font f, String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        b.append(' ');
        return;
      }
      String c = new String(Character.toChars(cp));
      try {
        f.encode(c);
        b.append(c);
      } catch (IllegalArgumentException | IOException e) {
        b.append('?');
      }
    });
    return b.toString();
  }

  byte[] bytes() {
    try {
      if (out == null) newPage();
      out.close();
      out = null;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      doc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
