package dev.llmkit.testkit.mock;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into streamed pieces without cutting a surrogate pair in two. Cuts move to a nearby
 * space when there is one, so streamed prose arrives word by word (" world") as real models send it.
 */
final class TextChunks {
  private TextChunks() {}

  /** Up to {@code n} non-empty pieces that concatenate to {@code text}; none for the empty string. */
  static List<String> split(String text, int n) {
    List<String> pieces = new ArrayList<>();
    int[] cps = text.codePoints().toArray();
    if (cps.length == 0) {
      return pieces;
    }
    int parts = Math.max(1, Math.min(n, cps.length));
    int half = cps.length / parts / 2;
    int prev = 0;
    for (int i = 1; i <= parts; i++) {
      int cut = i == parts ? cps.length : snap(cps, cps.length * i / parts, half, prev);
      pieces.add(new String(cps, prev, cut - prev));
      prev = cut;
    }
    return pieces;
  }

  /** The space nearest to {@code cut} within {@code half} code points, or {@code cut} itself. */
  private static int snap(int[] cps, int cut, int half, int prev) {
    for (int d = 0; d <= half; d++) {
      for (int candidate : new int[] {cut - d, cut + d}) {
        if (candidate > prev && candidate < cps.length && Character.isWhitespace(cps[candidate])) {
          return candidate;
        }
      }
    }
    return cut;
  }
}
