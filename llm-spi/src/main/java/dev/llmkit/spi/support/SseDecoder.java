package dev.llmkit.spi.support;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a {@code text/event-stream} body per the WHATWG rules: CRLF, LF or CR line ends; comment
 * lines ({@code :keep-alive}) ignored; several {@code data:} lines joined with {@code \n};
 * {@code event:} names; {@code id:}, {@code retry:} and unknown fields ignored; a blank line ends an
 * event; a leading byte-order mark is dropped. At end of input a last event without its blank line is
 * flushed (as lenient clients do). A line, or the data of one event, longer than the limit
 * ({@link ReadLimits#maxLineBytes()} by default) fails with {@link ReadLimits#lineTooLong}.
 * Not thread-safe: feed it from one stream's signals only.
 */
public final class SseDecoder {
  private final LineSplitter lines;
  private final int maxEventChars;
  private final StringBuilder data = new StringBuilder();
  private @Nullable String event;
  private boolean hasData;
  private boolean firstLine = true;

  /** A decoder with the configured limit ({@link ReadLimits#maxLineBytes()}) for a line and for an event. */
  public SseDecoder() {
    this(ReadLimits.maxLineBytes());
  }

  /** A decoder that refuses a line, or an event's data, longer than {@code maxEventBytes}. */
  public SseDecoder(int maxEventBytes) {
    this.lines = new LineSplitter(maxEventBytes);
    this.maxEventChars = maxEventBytes;
  }

  public void feed(ByteBuffer buffer, Consumer<SseEvent> events) {
    lines.feed(buffer, line -> onLine(line, events));
  }

  public void finish(Consumer<SseEvent> events) {
    lines.finish(line -> onLine(line, events));
    dispatch(events);
  }

  private void onLine(String raw, Consumer<SseEvent> events) {
    String line = raw;
    if (firstLine) {
      firstLine = false;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1); // the spec drops one leading byte-order mark
      }
    }
    if (line.isEmpty()) {
      dispatch(events);
      return;
    }
    if (line.charAt(0) == ':') {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if ((long) data.length() + value.length() + 1 > maxEventChars) {
          data.setLength(0);
          data.trimToSize();
          throw ReadLimits.lineTooLong(null, maxEventChars);
        }
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> event = value;
      default -> { } // id, retry and unknown fields carry nothing we use
    }
  }

  private void dispatch(Consumer<SseEvent> events) {
    if (hasData) {
      events.accept(new SseEvent(event, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    event = null;
  }
}
