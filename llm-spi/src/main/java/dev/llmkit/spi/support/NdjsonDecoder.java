package dev.llmkit.spi.support;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits an {@code application/x-ndjson} body into its JSON lines, skipping blank ones, with the
 * same byte-level UTF-8 safety as {@link LineSplitter}, and its limit on a line's length
 * ({@link ReadLimits#maxLineBytes()} by default). Not thread-safe.
 */
public final class NdjsonDecoder {
  private final LineSplitter lines;

  /** A decoder with the configured line limit. */
  public NdjsonDecoder() {
    this(ReadLimits.maxLineBytes());
  }

  /** A decoder that refuses lines longer than {@code maxLineBytes}. */
  public NdjsonDecoder(int maxLineBytes) {
    this.lines = new LineSplitter(maxLineBytes);
  }

  public void feed(ByteBuffer buffer, Consumer<String> jsonLines) {
    lines.feed(buffer, line -> deliver(line, jsonLines));
  }

  public void finish(Consumer<String> jsonLines) {
    lines.finish(line -> deliver(line, jsonLines));
  }

  private static void deliver(String line, Consumer<String> jsonLines) {
    if (!line.isBlank()) {
      jsonLines.accept(line);
    }
  }
}
