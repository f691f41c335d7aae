package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.Answer;
import dev.llmkit.benchmarks.clients.BenchClient;
import dev.llmkit.benchmarks.clients.Clients;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent streams from one JVM ({@code -Xmx256m}): all started at once without a thread per
 * stream on the caller's side, then awaited. Reports the wall time, how many completed with the whole
 * answer, the peak heap used (sampled every 5 ms) and the JVM's peak thread count (all threads,
 * JVM-internal ones and the sampler included). The stub runs in the parent process.
 */
final class ConcurrentStreams {
  private ConcurrentStreams() {}

  record Result(double seconds, int completed, int streams, long peakHeapMb, int peakThreads) {
    static Result parse(String output) {
      for (String line : output.lines().toList()) {
        if (line.startsWith("RESULT ")) {
          String[] f = line.substring(7).split(" ");
          return new Result(Double.parseDouble(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
              Long.parseLong(f[3]), Integer.parseInt(f[4]));
        }
      }
      throw new IllegalStateException("no RESULT line in:\n" + output);
    }
  }

  static Result measure(String client, String baseUrl, int streams) throws Exception {
    return Result.parse(ChildJvm.run(List.of("-Xms64m", "-Xmx256m"), Probe.class, client, baseUrl,
        Integer.toString(streams)).output());
  }

  /** The child. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      int streams = Integer.parseInt(args[2]);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      AtomicLong peakHeap = new AtomicLong();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
      });
      int completed = 0;
      long start;
      long end;
      try (BenchClient client = Clients.create(args[0], args[1])) {
        client.complete(); // connect and load classes before the clock starts
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
            0, 5, TimeUnit.MILLISECONDS);
        start = System.nanoTime();
        List<CompletableFuture<Answer>> all = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
          all.add(client.streamAsync());
        }
        for (CompletableFuture<Answer> f : all) {
          try {
            if (f.get(5, TimeUnit.MINUTES).equals(StubResponses.expected())) {
              completed++;
            }
          } catch (Exception e) {
            System.out.println("stream failed: " + e);
          }
        }
        end = System.nanoTime();
      }
      sampler.shutdownNow();
      int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
      System.out.printf("RESULT %.3f %d %d %d %d%n", (end - start) / 1e9, completed, streams,
          peakHeap.get() / (1024 * 1024), peakThreads);
      System.exit(0);
    }
  }
}
