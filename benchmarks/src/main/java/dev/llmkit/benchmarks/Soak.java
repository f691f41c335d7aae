package dev.llmkit.benchmarks;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.core.Llms;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak test of the reliability issue: {@code java -cp benchmarks/target/llm-benchmarks.jar
 * dev.llmkit.benchmarks.Soak [calls] [callers]} (default 100,000 calls, 32 callers). Half the calls go
 * to a flaky twin of the stub (every third request a 503, a 429 with Retry-After 0 or a proxy's 502
 * page, whoever sends it) and are retried, up to 50 times: the faults follow the requests of the whole
 * run, so with 32 callers one call can meet a run of them. Half the calls are streams read event by
 * event. Checks at the end and exits
 * non-zero on a failure: every call answered in full, metrics agree with the calls made (no attempt
 * double-counted, usage counted once per answered call), the heap after a full GC does not grow
 * between the first and the last quarter, the thread count stays bounded (no thread per call or
 * stream), and open connections to the stub return to the level after warm-up.
 */
public final class Soak {
  private Soak() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    try (StubServer stub = StubServer.start()) {
      Llm clean = llm(stub.baseUrl());
      Llm flaky = llm(stub.flakyBaseUrl());
      ChatRequest request = ChatRequest.builder()
          .messages(List.of(Message.system("You are a helpful assistant."), Message.user("Hello"))).build();
      for (int i = 0; i < 200; i++) {
        call(i % 2 == 0 ? clean : flaky, request, i % 3 == 0); // warm up, open the pools
      }
      int port = Integer.parseInt(stub.baseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
      long connectionsAfterWarmup = openConnections(port);
      AtomicLong done = new AtomicLong();
      AtomicLong wrong = new AtomicLong();
      long[] heapAtQuarter = new long[5];
      heapAtQuarter[0] = heapAfterGc();
      int peakThreadsBefore = ManagementFactory.getThreadMXBean().getPeakThreadCount();
      ManagementFactory.getThreadMXBean().resetPeakThreadCount();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(callers, r -> {
        Thread t = new Thread(r, "soak-caller");
        t.setDaemon(true); // a failed run still ends
        return t;
      });
      int perQuarter = calls / 4;
      for (int quarter = 1; quarter <= 4; quarter++) {
        List<Future<?>> work = new java.util.ArrayList<>(callers);
        int perCaller = perQuarter / callers;
        for (int c = 0; c < callers; c++) {
          work.add(pool.submit(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < perCaller; i++) {
              boolean useFlaky = random.nextBoolean();
              try {
                if (!call(useFlaky ? flaky : clean, request, random.nextBoolean())) {
                  wrong.incrementAndGet();
                }
              } catch (RuntimeException e) {
                wrong.incrementAndGet();
                System.out.println("call failed: " + e);
              }
              done.incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> f : work) {
          f.get(30, TimeUnit.MINUTES);
        }
        heapAtQuarter[quarter] = heapAfterGc();
        System.out.printf("quarter %d: %,d calls, heap after GC %,d KB%n", quarter, done.get(), heapAtQuarter[quarter] / 1024);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the callers did not finish");
      }
      long connectionsAtEnd = openConnections(port);
      int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
      MetricsSnapshot c = clean.metrics().snapshot();
      MetricsSnapshot f = flaky.metrics().snapshot();
      long answered = done.get() + 200;

      System.out.printf("%,d calls (plus 200 warm-up) by %d callers in %.1f s (%,.0f calls/s); %,d faults served%n",
          done.get(), callers, seconds, done.get() / seconds, stub.faultsServed());
      System.out.printf("metrics: clean %,d attempts %,d failed; flaky %,d attempts %,d failed; output tokens %,d%n",
          c.calls(), c.failures(), f.calls(), f.failures(), c.usage().outputTokens() + f.usage().outputTokens());
      System.out.printf("heap after GC: start %,d KB, quarters %,d / %,d / %,d / %,d KB%n", heapAtQuarter[0] / 1024,
          heapAtQuarter[1] / 1024, heapAtQuarter[2] / 1024, heapAtQuarter[3] / 1024, heapAtQuarter[4] / 1024);
      System.out.printf("peak threads during the run %d (before %d, %d callers); connections to the stub: %d after warm-up, %d at the end%n",
          peakThreads, peakThreadsBefore, callers, connectionsAfterWarmup, connectionsAtEnd);

      boolean ok = true;
      ok &= check(wrong.get() == 0, wrong.get() + " calls did not get the whole answer");
      ok &= check(c.failures() == 0, "the clean stub saw failures");
      ok &= check(c.calls() + f.calls() - f.failures() == answered,
          "answered attempts " + (c.calls() + f.calls() - f.failures()) + " != calls " + answered);
      ok &= check(f.failures() == stub.faultsServed(), "failed attempts " + f.failures() + " != faults served " + stub.faultsServed());
      ok &= check(c.usage().outputTokens() + f.usage().outputTokens() == answered * StubResponses.COMPLETION_TOKENS,
          "output tokens counted more or less than once per answered call");
      ok &= check(heapAtQuarter[4] <= heapAtQuarter[1] * 1.25 + 8 * 1024 * 1024,
          "the heap after GC grew from the first to the last quarter");
      ok &= check(peakThreads < callers + 64, "peak threads " + peakThreads + " suggest a thread per call");
      ok &= check(connectionsAtEnd <= connectionsAfterWarmup + 2 * callers, "connections leaked");
      clean.close();
      flaky.close();
      System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
      System.exit(ok ? 0 : 1);
    }
  }

  private static Llm llm(String baseUrl) {
    return Llms.builder().config(LlmConfig.builder().model("openai/gpt-4o-mini").baseUrl(baseUrl).apiKey("bench")
        .numRetries(50).retryMinWait(Duration.ofMillis(1)).retryMaxWait(Duration.ofMillis(50)).build()).env(Map.of()).build();
  }

  /** One call; whether it got the whole answer and its usage. */
  private static boolean call(Llm llm, ChatRequest request, boolean stream) {
    ChatResponse response;
    if (stream) {
      try (ChatStream s = llm.stream(request)) {
        response = null;
        for (ChatEvent e : s) {
          if (e instanceof ChatEvent.Completed done) {
            response = done.response();
          }
        }
      }
    } else {
      response = llm.complete(request);
    }
    return response != null && response.text().equals(StubResponses.TEXT)
        && Long.valueOf(StubResponses.COMPLETION_TOKENS).equals(response.usage().outputTokens());
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc(); // a full collection each (explicit GC is synchronous); three let references cleared by one go
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Established TCP connections from this machine to the stub's port (Linux: /proc/net/tcp and tcp6). */
  private static long openConnections(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    long count = 0;
    for (String name : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path table = Path.of(name);
      if (Files.exists(table)) {
        count += Files.readAllLines(table).stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
            .filter(f -> f.length > 3 && f[2].endsWith(hexPort) && f[3].equals("01")).count();
      }
    }
    return count;
  }

  private static boolean check(boolean condition, String failure) {
    if (!condition) {
      System.out.println("FAIL " + failure);
    }
    return condition;
  }
}
