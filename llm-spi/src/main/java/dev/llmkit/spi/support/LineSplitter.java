package dev.llmkit.spi.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines at {@code \n}, {@code \r\n} or a lone {@code \r}, decoding each
 * complete line as UTF-8. Splitting happens on bytes, so a multi-byte character split across two
 * network reads is decoded whole. Not thread-safe: feed it from one stream's signals only.
 *
 * <p>This runs for every byte of every stream, so it scans for line ends and copies whole segments:
 * a line that lies inside one buffer is decoded straight from it, and only the unfinished tail of a
 * buffer is kept for the next read.
 *
 * <p>A line longer than the limit ({@link ReadLimits#maxLineBytes()} by default) is never held: the
 * splitter throws {@link ReadLimits#lineTooLong} (an {@link dev.llmkit.api.LlmException} of kind
 * {@code MALFORMED_RESPONSE}) as soon as the unfinished line passes it, so that an endless line costs
 * at most the limit in memory.
 */
public final class LineSplitter {
  private final int maxLineBytes;
  private byte[] pending = new byte[256];
  private byte[] scratch = new byte[0];
  private int pendingLength;
  private boolean lastWasCr;

  /** A splitter with the configured line limit ({@link ReadLimits#maxLineBytes()}). */
  public LineSplitter() {
    this(ReadLimits.maxLineBytes());
  }

  /** A splitter that refuses lines longer than {@code maxLineBytes} bytes. */
  public LineSplitter(int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** The longest line this splitter accepts, in bytes. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** Feeds bytes; each complete line (without its terminator) goes to {@code lines}. */
  public void feed(ByteBuffer buffer, Consumer<String> lines) {
    if (buffer.hasArray()) {
      int offset = buffer.arrayOffset();
      scan(buffer.array(), offset + buffer.position(), offset + buffer.limit(), lines);
      buffer.position(buffer.limit());
    } else {
      // The JDK client hands over read-only views of its own buffers: copy each into one reused array
      // (a fresh array per read was a quarter of a stream's allocation).
      int length = buffer.remaining();
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      buffer.get(scratch, 0, length);
      scan(scratch, 0, length, lines);
    }
  }

  /** At end of input: a last line without a terminator, if any. */
  public void finish(Consumer<String> lines) {
    if (pendingLength > 0) {
      emitPending(lines);
    }
  }

  private void scan(byte[] bytes, int from, int to, Consumer<String> lines) {
    int start = from;
    if (lastWasCr && start < to && bytes[start] == '\n') {
      start++; // the \n of a \r\n pair split across reads: the line already ended at \r
    }
    lastWasCr = false;
    for (int i = start; i < to; i++) {
      byte b = bytes[i];
      if (b != '\n' && b != '\r') {
        continue;
      }
      if (pendingLength == 0) {
        checkLength(i - start);
        lines.accept(new String(bytes, start, i - start, StandardCharsets.UTF_8));
      } else {
        append(bytes, start, i - start);
        emitPending(lines);
      }
      if (b == '\r') {
        if (i + 1 < to) {
          if (bytes[i + 1] == '\n') {
            i++;
          }
        } else {
          lastWasCr = true;
        }
      }
      start = i + 1;
    }
    if (start < to) {
      append(bytes, start, to - start);
    }
  }

  private void append(byte[] bytes, int from, int length) {
    checkLength(pendingLength + (long) length);
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending,
          (int) Math.min(maxLineBytes, Math.max(pending.length * 2L, pendingLength + (long) length)));
    }
    System.arraycopy(bytes, from, pending, pendingLength, length);
    pendingLength += length;
  }

  private void checkLength(long length) {
    if (length > maxLineBytes) {
      pending = new byte[256]; // let the oversized buffer go at once
      pendingLength = 0;
      throw ReadLimits.lineTooLong(null, maxLineBytes);
    }
  }

  private void emitPending(Consumer<String> lines) {
    String line = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
    pendingLength = 0;
    lines.accept(line);
  }
}
