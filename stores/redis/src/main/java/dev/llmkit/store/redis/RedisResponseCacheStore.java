package dev.llmkit.store.redis;

import com.codahale.metrics.Meter;
import dev.llmkit.core.cache.ResponseCacheStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Cached responses on Redis: each entry one key ({@code <prefix>cache:<key>}, the key already a hash of
 * the canonical request) with its time to live ({@code SET PX}), so an answer paid for in one process
 * is a hit in all. Values over the configured size are not stored (counted as {@code refused}): one
 * huge answer must not evict many small ones. When Redis cannot answer, a fail-open cache falls back to
 * a miss (and does not store), since a local copy would only be a hit in this process.
 */
final class RedisResponseCacheStore implements ResponseCacheStore {
  private final String prefix;
  private final StoreGuard guard;
  private final long maxValueBytes;
  private final Meter refused;

  RedisResponseCacheStore(String keyPrefix, StoreGuard guard, long maxValueBytes, Meter refused) {
    this.prefix = keyPrefix + "cache:";
    this.guard = guard;
    this.maxValueBytes = maxValueBytes;
    this.refused = refused;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return guard.call("read a cached response", c -> Optional.ofNullable(c.get(key(key))), Optional::empty);
  }

  @Override
  public void put(String key, byte[] value, Duration timeToLive) {
    if (value.length > maxValueBytes) {
      refused.mark();
      return;
    }
    if (timeToLive.isZero() || timeToLive.isNegative()) {
      return; // expired already
    }
    guard.record("store a response", c -> c.set(key(key), value, SetParams.setParams().px(Math.max(1, timeToLive.toMillis()))),
        () -> {});
  }

  @Override
  public void invalidate(String key) {
    guard.record("invalidate a response", c -> c.del(key(key)), () -> {});
  }

  private byte[] key(String key) {
    return (prefix + key).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisResponseCacheStore[" + prefix + "…, max " + maxValueBytes + " bytes]";
  }
}
