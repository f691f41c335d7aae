package dev.llmkit.benchmarks;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.core.Llms;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keeping a call's shared state in Redis adds to it: a completion with a budget, a rate limit
 * and the circuit breaker, its state in memory ({@code store=memory}) or in a Redis on loopback
 * ({@code store=redis}: {@code REDIS_URI} if set, else a redis-server started for the trial). Setup
 * prints the Redis round trips per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class SharedStoreBenchmark {
  private static final int PROBE_CALLS = 200;

  @Param({"memory", "redis"})
  public String store;

  private final ChatRequest request = ChatRequest.of(Message.user("Hello"));
  private StubServer stub;
  private Process redis;
  private SharedStores shared;
  private Llm llm;

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    stub = StubServer.start();
    MetricRegistry metrics = new MetricRegistry();
    Llms.Builder builder = Llms.builder()
        .config(LlmConfig.builder().model("openai/gpt-4o-mini").baseUrl(stub.baseUrl()).apiKey("bench").numRetries(0).build())
        .env(Map.of())
        .metricRegistry(metrics)
        .rateLimit(RateLimitPolicy.perMinute(100_000_000, 100_000_000_000L));
    if (store.equals("redis")) {
      shared = SharedStores.open(StoreSettings.builder("redis", redisUri()).keyPrefix("bench:" + System.nanoTime() + ":").build(),
          metrics);
      builder.sharedStores(shared).budget(shared.budget("bench", Cost.usd("1000000")));
    } else {
      builder.budget(Budget.of("bench", Cost.usd("1000000")));
    }
    llm = builder.build();
    for (int i = 0; i < PROBE_CALLS; i++) {
      llm.complete(request);
    }
    long roundTrips = metrics.getTimers((name, m) -> name.startsWith("llm.store.redis.")).values().stream()
        .mapToLong(Timer::getCount).sum();
    System.out.printf("%n[%s] Redis round trips per call: %.2f%n", store, roundTrips / (double) PROBE_CALLS);
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    if (llm != null) {
      llm.close();
    }
    if (shared != null) {
      shared.close();
    }
    if (stub != null) {
      stub.close();
    }
    if (redis != null) {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public ChatResponse complete() {
    return llm.complete(request);
  }

  private URI redisUri() throws IOException, InterruptedException {
    String given = System.getenv("REDIS_URI");
    if (given != null && !given.isBlank()) {
      return URI.create(given);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 100);
        return URI.create("redis://127.0.0.1:" + port);
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new IOException("redis-server did not start on port " + port + " (is it installed? apt-get install -y redis-server)");
  }
}
