package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class CallTimerTest {

  @Test
  void cancelled_deadlines_are_let_go_by_the_purge_and_live_ones_still_fire() throws Exception {
    List<ScheduledFuture<?>> cancelled = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      cancelled.add(CallTimer.schedule(() -> { }, Duration.ofHours(1)));
    }
    CountDownLatch fired = new CountDownLatch(1);
    CallTimer.schedule(fired::countDown, Duration.ofMillis(50));
    cancelled.forEach(f -> f.cancel(false));

    assertThat(fired.await(5, TimeUnit.SECONDS)).as("a live task fires on time, cancelled ones in the queue or not").isTrue();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (CallTimer.queued() >= 1_000 && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling a condition, not timing anything
    }
    assertThat(CallTimer.queued()).as("the cancelled hour-long deadlines are purged within a second or so").isLessThan(1_000);
  }

  @Test
  void a_cancelled_task_lets_go_of_what_it_would_have_run_before_the_purge() {
    Object held = new Object();
    WeakReference<Object> ref = new WeakReference<>(held);
    ScheduledFuture<?> f = scheduleHolding(held);
    held = null;
    f.cancel(false);

    assertThat(f.isCancelled()).isTrue();
    // Well inside the purge period, so what frees the object is the cancel, not the purge.
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    while (ref.get() != null && System.nanoTime() < until) {
      System.gc();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    assertThat(ref.get()).as("the cancelled task's captured state").isNull();
  }

  private static ScheduledFuture<?> scheduleHolding(Object held) {
    return CallTimer.schedule(held::hashCode, Duration.ofHours(1));
  }
}
