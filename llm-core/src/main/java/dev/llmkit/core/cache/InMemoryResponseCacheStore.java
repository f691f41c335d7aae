package dev.llmkit.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The response cache's store in this process: a Caffeine cache bounded to {@code maxEntries} (beyond it,
 * the entries least likely to be asked again go first) whose entries each expire after the time to live
 * they were stored with. Values are copied in and out, so a caller cannot change what another reads.
 * Thread-safe; no operation blocks.
 */
public final class InMemoryResponseCacheStore implements ResponseCacheStore {
  private final Cache<String, Entry> entries;
  private final long maxEntries;

  /** A store of at most {@code maxEntries} entries. */
  public InMemoryResponseCacheStore(long maxEntries) {
    this(maxEntries, System::nanoTime);
  }

  /** With {@code nanoTime} as the clock entries expire by (tests pass a fake one). */
  InMemoryResponseCacheStore(long maxEntries, LongSupplier nanoTime) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    Objects.requireNonNull(nanoTime, "nanoTime");
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfter(Expiry.writing((String key, Entry entry) -> entry.timeToLive()))
        .ticker(nanoTime::getAsLong)
        // Eviction and expiry upkeep on the calling thread: a few map operations, and no common-pool task per write.
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Optional<byte[]> get(String key) {
    Entry entry = entries.getIfPresent(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value().clone());
  }

  @Override
  public void put(String key, byte[] value, Duration timeToLive) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
    }
    entries.put(key, new Entry(value.clone(), timeToLive));
  }

  @Override
  public void invalidate(String key) {
    entries.invalidate(key);
  }

  /** The entries held now, expired and evicted ones removed first. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  @Override
  public String toString() {
    return "InMemoryResponseCacheStore[maxEntries=" + maxEntries + "]";
  }

  private record Entry(byte[] value, Duration timeToLive) {}
}
