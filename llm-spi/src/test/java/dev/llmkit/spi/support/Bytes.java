package dev.llmkit.spi.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers that cut text into the byte buffers a network would deliver. */
final class Bytes {
  private Bytes() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ByteBuffer buffer(String s) {
    return ByteBuffer.wrap(utf8(s));
  }

  /** The bytes of {@code s} split at the given byte offsets. */
  static List<ByteBuffer> splitAt(String s, int... offsets) {
    byte[] all = utf8(s);
    List<ByteBuffer> out = new ArrayList<>();
    int from = 0;
    for (int at : offsets) {
      out.add(ByteBuffer.wrap(Arrays.copyOfRange(all, from, at)));
      from = at;
    }
    out.add(ByteBuffer.wrap(Arrays.copyOfRange(all, from, all.length)));
    return out;
  }

  /** The bytes of {@code s}, one buffer per byte. */
  static List<ByteBuffer> oneByteAtATime(String s) {
    List<ByteBuffer> out = new ArrayList<>();
    for (byte b : utf8(s)) {
      out.add(ByteBuffer.wrap(new byte[] {b}));
    }
    return out;
  }
}
