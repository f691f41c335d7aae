package dev.llmkit.testkit.mock;

import java.util.concurrent.ThreadLocalRandom;

/** Random alphanumeric id parts shaped like the providers' ids. */
final class Ids {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Ids() {}

  static String random() {
    return random(24);
  }

  static String random(int length) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
