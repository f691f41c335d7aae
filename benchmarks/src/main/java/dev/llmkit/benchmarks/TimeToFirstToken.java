package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.BenchClient;

/**
 * Time to first token: from the call to the first text delta reaching the caller, for the 200-chunk
 * stream, on one thread. JMH cannot time part of an operation, so this driver takes the two
 * instants itself; each stream is still read to its end (untimed) so the connection is reused.
 */
final class TimeToFirstToken {
  private TimeToFirstToken() {}

  static Percentiles measure(BenchClient client, int warmup, int streams) throws Exception {
    for (int i = 0; i < warmup; i++) {
      once(client);
    }
    long[] nanos = new long[streams];
    for (int i = 0; i < streams; i++) {
      nanos[i] = once(client);
    }
    return Percentiles.of(nanos);
  }

  private static long once(BenchClient client) throws Exception {
    long[] first = {0};
    long start = System.nanoTime();
    client.stream(text -> {
      if (first[0] == 0) {
        first[0] = System.nanoTime();
      }
    });
    if (first[0] == 0) {
      throw new IllegalStateException(client.name() + " streamed no text");
    }
    return first[0] - start;
  }
}
