package dev.llmkit.core.tokens;

import dev.llmkit.api.ContentPart;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the counters can tell about a document without a PDF library: the text of a text document, the
 * page count of a PDF, and the decoded size of anything else.
 *
 * <p>Pages are counted by the {@code /Type /Page} objects in the PDF's bytes. A PDF whose page objects
 * are in compressed object streams shows none; it is then taken to have one page per
 * {@link #PDF_BYTES_PER_PAGE} bytes, at least one.
 */
final class DocumentContent {
  /** Bytes a PDF page is taken to occupy when its page objects cannot be seen. */
  static final int PDF_BYTES_PER_PAGE = 50_000;

  private DocumentContent() {}

  /** The document's text when its media type is a text type (UTF-8 assumed), else null. */
  static @Nullable String text(ContentPart.Document document) {
    if (!isText(document.mediaType())) {
      return null;
    }
    byte[] bytes = decode(document.base64Data());
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static boolean isPdf(ContentPart.Document document) {
    return document.mediaType().toLowerCase(Locale.ROOT).startsWith("application/pdf");
  }

  /** The pages of a PDF: its page objects, or one per {@link #PDF_BYTES_PER_PAGE} bytes when none are visible. */
  static int pdfPages(ContentPart.Document document) {
    byte[] bytes = decode(document.base64Data());
    if (bytes == null) {
      return (int) Math.max(1, ceilDiv(decodedLength(document.base64Data()), PDF_BYTES_PER_PAGE));
    }
    int pages = countPageObjects(bytes);
    return pages > 0 ? pages : (int) Math.max(1, ceilDiv(bytes.length, PDF_BYTES_PER_PAGE));
  }

  /** The decoded size of base64 text, from its length (whitespace and padding left out). */
  static long decodedLength(String base64) {
    long chars = 0;
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      if (c != '=' && !Character.isWhitespace(c)) {
        chars++;
      }
    }
    return chars * 3 / 4;
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static boolean isText(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.startsWith("application/json") || t.startsWith("application/xml")
        || t.contains("+json") || t.contains("+xml") || t.startsWith("application/x-yaml")
        || t.startsWith("application/yaml") || t.startsWith("application/javascript");
  }

  private static byte @Nullable [] decode(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Occurrences of {@code /Type /Page} (not {@code /Pages}) in the raw bytes. */
  static int countPageObjects(byte[] b) {
    int pages = 0;
    for (int i = 0; i + 5 < b.length; i++) {
      if (b[i] != '/' || b[i + 1] != 'T' || b[i + 2] != 'y' || b[i + 3] != 'p' || b[i + 4] != 'e') {
        continue;
      }
      int j = i + 5;
      while (j < b.length && (b[j] == ' ' || b[j] == '\r' || b[j] == '\n' || b[j] == '\t' || b[j] == '\f' || b[j] == 0)) {
        j++;
      }
      if (j + 5 <= b.length && b[j] == '/' && b[j + 1] == 'P' && b[j + 2] == 'a' && b[j + 3] == 'g' && b[j + 4] == 'e'
          && (j + 5 == b.length || !Character.isLetterOrDigit(b[j + 5]))) {
        pages++;
      }
      i = j - 1;
    }
    return pages;
  }
}
