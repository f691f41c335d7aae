package dev.llmkit.spi.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines at {@code \n}, {@code \r\n} or a lone {@code \r}, decoding each
 * complete line as UTF-8. Splitting happens on bytes, so a multi-byte character split across two
 * network reads is decoded whole. Not thread-safe: feed it from one stream's signals only.
 */
public final class LineSplitter {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
  private boolean lastWasCr;

  /** Feeds bytes; each complete line (without its terminator) goes to {@code lines}. */
  public void feed(ByteBuffer buffer, Consumer<String> lines) {
    while (buffer.hasRemaining()) {
      byte b = buffer.get();
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false; // the \n of a \r\n pair: the line already ended at \r
          continue;
        }
        emit(lines);
      } else if (b == '\r') {
        lastWasCr = true;
        emit(lines);
      } else {
        lastWasCr = false;
        pending.write(b);
      }
    }
  }

  /** At end of input: a last line without a terminator, if any. */
  public void finish(Consumer<String> lines) {
    if (pending.size() > 0) {
      emit(lines);
    }
  }

  private void emit(Consumer<String> lines) {
    String line = pending.size() == 0 ? "" : pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    lines.accept(line);
  }
}
