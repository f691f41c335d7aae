package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryBatchTest {
  private final List<String> woken = new ArrayList<>();

  @Test
  void outside_a_burst_a_wake_up_runs_at_once() {
    DeliveryBatch.defer(() -> woken.add("now"));

    assertThat(woken).containsExactly("now");
  }

  @Test
  void inside_a_burst_wake_ups_wait_for_its_end_and_run_in_order() {
    try (DeliveryBatch burst = DeliveryBatch.open()) {
      DeliveryBatch.defer(() -> woken.add("first"));
      DeliveryBatch.defer(() -> woken.add("second"));
      assertThat(woken).isEmpty();
    }

    assertThat(woken).containsExactly("first", "second");
  }

  @Test
  void nested_bursts_run_the_wake_ups_when_the_outermost_ends() {
    try (DeliveryBatch outer = DeliveryBatch.open()) {
      try (DeliveryBatch inner = DeliveryBatch.open()) {
        DeliveryBatch.defer(() -> woken.add("wake"));
      }
      assertThat(woken).as("the inner end is not the end of the burst").isEmpty();
    }

    assertThat(woken).containsExactly("wake");
  }

  @Test
  void a_failing_wake_up_does_not_keep_the_others_from_running_and_the_next_burst_starts_clean() {
    Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
    List<Throwable> reported = new ArrayList<>();
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      try (DeliveryBatch burst = DeliveryBatch.open()) {
        DeliveryBatch.defer(() -> {
          throw new IllegalStateException("boom");
        });
        DeliveryBatch.defer(() -> woken.add("still woken"));
      }
      DeliveryBatch.defer(() -> woken.add("after"));
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(previous);
    }

    assertThat(woken).containsExactly("still woken", "after");
    assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
  }

  @Test
  void a_burst_on_one_thread_does_not_defer_another_threads_wake_ups() throws Exception {
    try (DeliveryBatch burst = DeliveryBatch.open()) {
      Thread other = new Thread(() -> DeliveryBatch.defer(() -> {
        synchronized (woken) {
          woken.add("other thread, no burst");
        }
      }));
      other.start();
      other.join();
      synchronized (woken) {
        assertThat(woken).contains("other thread, no burst");
      }
    }
  }
}
