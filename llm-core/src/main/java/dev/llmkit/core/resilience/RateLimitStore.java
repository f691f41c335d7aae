package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * The token buckets of client-side rate limits, one per key ({@code provider/model/requests} and
 * {@code provider/model/tokens}). A bucket holds up to {@code perMinute} permits and refills at
 * {@code perMinute} a minute. {@link InMemoryRateLimitStore} keeps them in this process; a store shared
 * between processes implements the same two operations, so that every instance of a service draws on
 * one allowance.
 */
public interface RateLimitStore {

  /**
   * Takes {@code permits} from {@code key}'s bucket. When it holds enough they are taken and the wait is
   * zero; when it does not but they will have refilled within {@code maxWait}, they are taken in advance
   * (the bucket goes into debt, so later callers queue behind) and the wait is returned; otherwise
   * nothing is taken and the reservation is refused, with the wait it would have needed.
   */
  Reservation reserve(String key, long perMinute, long permits, Duration maxWait);

  /**
   * Takes ({@code permits > 0}) or gives back ({@code permits < 0}) permits without waiting: to correct
   * an estimate once the real figure is known, or to return what a call that never went out reserved.
   */
  void adjust(String key, long perMinute, long permits);

  /** The outcome of {@link #reserve}: granted or not, and how long the permits take to be there. */
  record Reservation(boolean granted, Duration delay) {
    public static final Reservation NOW = new Reservation(true, Duration.ZERO);

    public Reservation {
      Objects.requireNonNull(delay, "delay");
    }
  }
}
