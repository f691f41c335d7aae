package dev.llmkit.core.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the response cache keeps its entries: an encoded response under a key that is a hash of the
 * canonical request. The in-memory store is the default; a store shared by several processes (Redis)
 * implements the same three operations, so that an answer paid for in one process is a hit in all.
 * Implementations are thread-safe and never block longer than their own timeout; a store that cannot
 * answer throws, and the cache treats that as a miss.
 */
public interface ResponseCacheStore {

  /** The entry stored under {@code key}, or empty when there is none or it has expired. */
  Optional<byte[]> get(String key);

  /** Stores {@code value} under {@code key} for {@code timeToLive}, replacing any entry there. */
  void put(String key, byte[] value, Duration timeToLive);

  /** Removes the entry under {@code key}, if any. */
  void invalidate(String key);
}
