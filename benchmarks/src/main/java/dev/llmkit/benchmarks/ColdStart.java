package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.Answer;
import dev.llmkit.benchmarks.clients.BenchClient;
import dev.llmkit.benchmarks.clients.Clients;
import java.util.Arrays;
import java.util.List;

/**
 * Cold start: a fresh JVM from launch to its first completed response (class loading, plugin
 * discovery and Guice-free wiring for llmkit, the peers' own start-up), median of several launches.
 * The stub runs in the parent, so the child's time is the client's alone.
 */
final class ColdStart {
  private ColdStart() {}

  /** Median wall time in milliseconds of {@code runs} launches. */
  static double medianMillis(String client, String baseUrl, int runs) throws Exception {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      ChildJvm.Run run = ChildJvm.run(List.of("-Xshare:auto"), Probe.class, client, baseUrl);
      if (!run.output().contains("ANSWER OK")) {
        throw new IllegalStateException(client + " cold start printed:\n" + run.output());
      }
      nanos[i] = run.wallNanos();
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1e6;
  }

  /** The child: make the client, get one answer, check it. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      try (BenchClient client = Clients.create(args[0], args[1])) {
        Answer answer = client.complete();
        System.out.println(answer.equals(StubResponses.expected()) ? "ANSWER OK" : "ANSWER WRONG " + answer);
      }
      System.exit(0); // peers may leave non-daemon threads (OkHttp's pool) behind
    }
  }
}
