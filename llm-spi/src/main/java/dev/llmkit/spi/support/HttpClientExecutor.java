package dev.llmkit.spi.support;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of llmkit's own HTTP client: a {@link ForkJoinPool} of daemon threads named
 * {@code llmkit-http-N}, as many as the machine has processors but at least two, that adds a thread
 * only to make up for one blocked in {@code CompletableFuture.join/get} (at most 256 such), and lets
 * idle ones go after a minute. No call starts a thread of its own.
 *
 * <p>Why llmkit needs its own: {@code HttpClient.sendAsync} hands every completed exchange to
 * {@code CompletableFuture}'s default executor, which, on a machine with two processors or fewer
 * (common-pool parallelism 1), starts a new thread per task. {@link HttpExchanges#sendAsync} and
 * {@link HttpEventPublisher} avoid that hand-off on a client built with this executor
 * ({@link #isOwn}): they complete from the response body's subscriber, on this pool's threads. So the
 * callbacks of {@code completeAsync}'s future and a stream's events run on {@code llmkit-http}
 * threads; hand long or blocking work to an executor of your own ({@code thenApplyAsync(fn, mine)}).
 *
 * <p>On such a client the future {@code sendAsync} itself returns does not complete for successful
 * exchanges (llmkit never waits on it): such a client is meant to live as long as the JVM, like the
 * shared one, and must not be closed with {@code HttpClient.close()} (Java 21), which would wait for
 * those futures.
 */
public final class HttpClientExecutor {
  /** The prefix of the names of the pool's threads. */
  public static final String THREAD_PREFIX = "llmkit-http-";
  private static final int MAX_SPARES = 256;

  private HttpClientExecutor() {}

  /** A new pool; build one {@link HttpClient} on it and share that client. */
  public static ExecutorService create() {
    return new Pool(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** True when {@code client} runs on a pool made by {@link #create()}. */
  public static boolean isOwn(HttpClient client) {
    return client.executor().map(e -> e instanceof Pool).orElse(false);
  }

  private static final class Pool extends ForkJoinPool {
    private static final AtomicInteger THREADS = new AtomicInteger();

    Pool(int parallelism) {
      super(parallelism, Pool::newThread, null, true, 0, parallelism + MAX_SPARES, 1, pool -> true, 60, TimeUnit.SECONDS);
    }

    private static ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName(THREAD_PREFIX + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }

    @Override
    public String toString() {
      return "llmkit-http pool[" + getParallelism() + " threads, " + getPoolSize() + " alive]";
    }
  }
}
