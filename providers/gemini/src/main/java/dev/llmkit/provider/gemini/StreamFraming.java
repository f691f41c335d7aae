package dev.llmkit.provider.gemini;

import dev.llmkit.spi.support.LineSplitter;
import dev.llmkit.spi.support.ReadLimits;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts the body of {@code streamGenerateContent?alt=sse} into JSON texts. Most are the {@code data:}
 * of SSE events (lines joined with {@code \n}, a blank line ends an event, comments and other fields
 * ignored, a last event without its blank line flushed at the end). But an error that happens once the
 * stream has started comes as bare JSON, often pretty-printed over many lines with no {@code data:}
 * prefix (the genai SDK reads it the same way): an SSE parser would drop those lines as unknown fields
 * and the error would look like a truncated stream. So a line that starts with {@code {} or {@code [}
 * outside an event opens a bare JSON text, which runs until its brackets balance.
 * Lines are split on bytes ({@link LineSplitter}), so characters split across reads stay whole. A
 * line, an event or a bare JSON text longer than {@link ReadLimits#maxLineBytes()} fails with
 * {@link ReadLimits#lineTooLong}. Not thread-safe.
 */
final class StreamFraming {
  private final LineSplitter lines;
  private final int maxText;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private final StringBuilder bare = new StringBuilder();
  private int depth;
  private boolean inString;
  private boolean escaped;
  private boolean firstLine = true;

  StreamFraming() {
    this(ReadLimits.maxLineBytes());
  }

  StreamFraming(int maxTextBytes) {
    this.lines = new LineSplitter(maxTextBytes);
    this.maxText = maxTextBytes;
  }

  void feed(ByteBuffer buffer, Consumer<String> texts) {
    lines.feed(buffer, line -> line(line, texts));
  }

  /** The body ended: whatever is pending goes out, complete or not (the reader judges it). */
  void finish(Consumer<String> texts) {
    lines.finish(line -> line(line, texts));
    dispatch(texts);
    if (bare.length() > 0) {
      texts.accept(bare.toString());
      bare.setLength(0);
    }
  }

  private void line(String raw, Consumer<String> texts) {
    String line = raw;
    if (firstLine) {
      firstLine = false;
      line = line.startsWith("\uFEFF") ? line.substring(1) : line; // a leading byte-order mark
    }
    if (bare.length() > 0 || (!hasData && opensBareJson(line))) {
      bareLine(line, texts);
    } else if (line.isEmpty()) {
      dispatch(texts);
    } else if (line.startsWith("data:")) {
      String value = line.substring("data:".length());
      checkSize(data, value);
      if (hasData) {
        data.append('\n');
      }
      data.append(value.startsWith(" ") ? value.substring(1) : value);
      hasData = true;
    }
    // ":" comments, event:, id:, retry: and unknown fields carry nothing Gemini uses.
  }

  private void dispatch(Consumer<String> texts) {
    if (hasData) {
      texts.accept(data.toString());
    }
    data.setLength(0);
    hasData = false;
  }

  private void bareLine(String line, Consumer<String> texts) {
    checkSize(bare, line);
    bare.append(line).append('\n');
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (inString) {
        escaped = c == '\\';
        inString = c != '"';
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    if (depth <= 0 && !inString) {
      texts.accept(bare.toString());
      bare.setLength(0);
      depth = 0;
    }
  }

  private void checkSize(StringBuilder text, String more) {
    if ((long) text.length() + more.length() + 1 > maxText) {
      text.setLength(0);
      text.trimToSize();
      throw ReadLimits.lineTooLong(GeminiProviderFactory.ID, maxText);
    }
  }

  private static boolean opensBareJson(String line) {
    String trimmed = line.stripLeading();
    return trimmed.startsWith("{") || trimmed.startsWith("[");
  }
}
