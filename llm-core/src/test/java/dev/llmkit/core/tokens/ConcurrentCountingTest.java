package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentCountingTest {
  private static final int THREADS = 8;

  @Test
  void eightThreadsCountTheSameAsOneAndShareOneVocabulary() throws Exception {
    List<String> corpus = EstimateCounterTest.corpus();
    List<ChatRequest> requests = new ArrayList<>();
    for (int i = 0; i + 3 < corpus.size(); i += 4) {
      requests.add(EstimateCounterTest.request(corpus.get(i), corpus.get(i + 1), corpus.get(i + 2), corpus.get(i + 3)));
    }
    // Fresh counters: the first count of each (and, when this class runs first, the vocabulary's first load)
    // happens on eight threads at once.
    List<TokenCounter> counters = List.of(TiktokenCounter.of(TiktokenEncoding.P50K_BASE), TiktokenCounter.of(TiktokenEncoding.R50K_BASE),
        TiktokenCounter.forModel("gpt-4o"), TiktokenCounter.forModel("gpt-4"), EstimateCounter.INSTANCE);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[][]>> results = new ArrayList<>();
      List<Future<List<Object>>> vocabularies = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          long[][] counts = new long[counters.size()][requests.size()];
          for (int round = 0; round < 3; round++) {
            for (int c = 0; c < counters.size(); c++) {
              for (int k = 0; k < requests.size(); k++) {
                int r = (k + offset * 7) % requests.size(); // each thread in its own order
                counts[c][r] = counters.get(c).count(requests.get(r));
              }
            }
          }
          return counts;
        }));
        vocabularies.add(pool.submit(() -> {
          start.await();
          List<Object> seen = new ArrayList<>();
          for (TiktokenEncoding e : TiktokenEncoding.values()) {
            seen.add(SharedEncodings.get(e));
          }
          return seen;
        }));
      }
      start.countDown();

      long[][] expected = new long[counters.size()][requests.size()];
      for (int c = 0; c < counters.size(); c++) {
        for (int r = 0; r < requests.size(); r++) {
          expected[c][r] = counters.get(c).count(requests.get(r));
        }
      }
      for (Future<long[][]> f : results) {
        assertThat(f.get(2, TimeUnit.MINUTES)).isDeepEqualTo(expected);
      }
      List<Object> first = vocabularies.get(0).get(1, TimeUnit.MINUTES);
      for (Future<List<Object>> f : vocabularies) {
        List<Object> seen = f.get(1, TimeUnit.MINUTES);
        for (int i = 0; i < seen.size(); i++) {
          assertThat(seen.get(i)).isSameAs(first.get(i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
