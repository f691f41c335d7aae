package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
