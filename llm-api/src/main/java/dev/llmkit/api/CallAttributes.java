package dev.llmkit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline decided for one call, as typed key/value pairs: how many provider exchanges it
 * took, and whatever stages and interceptors recorded (a cache hit, the route taken, a reserved
 * budget). Stages set them while the call runs; the response carries the final set in
 * {@link ResponseMetadata#attributes()}.
 *
 * <pre>{@code
 * static final CallAttributes.Key<String> TENANT = CallAttributes.key("acme.tenant", String.class);
 * int attempts = response.metadata().attributes().get(CallAttributes.ATTEMPTS).orElse(0);
 * }</pre>
 */
public final class CallAttributes {

  /** Provider exchanges this call made (1 unless a stage sent the request again). */
  public static final Key<Integer> ATTEMPTS = key("llmkit.attempts", Integer.class);

  /**
   * The overall deadline of this call, overriding {@code LlmConfig.timeout} (retries and their waits
   * included; {@link java.time.Duration#ZERO} for none). Set it from an interceptor, which runs before the
   * deadline stage: {@code chain.call().setAttribute(CallAttributes.TIMEOUT, Duration.ofSeconds(20))}.
   */
  public static final Key<java.time.Duration> TIMEOUT = key("llmkit.timeout", java.time.Duration.class);

  /** Where the call's cost came from; {@link PriceSource#UNKNOWN} when no price is known for the model. */
  public static final Key<PriceSource> PRICE_SOURCE = key("llmkit.price-source", PriceSource.class);

  /**
   * Whether the response cache answered this call: {@code true} for an answer served from the cache (no
   * provider exchange, cost zero), {@code false} for a lookup that missed; absent when no cache was asked.
   */
  public static final Key<Boolean> CACHE_HIT = key("llmkit.cache-hit", Boolean.class);

  public static final CallAttributes EMPTY = new CallAttributes(Map.of());

  private final Map<Key<?>, Object> values;

  private CallAttributes(Map<Key<?>, Object> values) {
    this.values = values;
  }

  /** A typed key; keys are equal when name and type are. Prefix names with your own namespace. */
  public static <T> Key<T> key(String name, Class<T> type) {
    return new Key<>(name, type);
  }

  /** A copy of {@code values}, checking that each value has its key's type. */
  public static CallAttributes of(Map<Key<?>, ?> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    Map<Key<?>, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, k.type().cast(Objects.requireNonNull(v, k.name()))));
    return new CallAttributes(Collections.unmodifiableMap(copy));
  }

  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(key.type().cast(values.get(key)));
  }

  /** A copy with {@code key} set to {@code value}. */
  public <T> CallAttributes with(Key<T> key, T value) {
    if (values.isEmpty()) {
      return new CallAttributes(Map.of(key, key.type().cast(Objects.requireNonNull(value, key.name()))));
    }
    Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, key.type().cast(Objects.requireNonNull(value, key.name())));
    return new CallAttributes(Collections.unmodifiableMap(copy));
  }

  public Map<Key<?>, Object> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallAttributes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k.name()).append('=').append(v));
    return sb.append('}').toString();
  }

  /** The name and value type of one attribute. */
  public record Key<T>(String name, Class<T> type) {
    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    // Written out rather than left to the record: the generated ones are linked on first use through
    // method handles, which cost milliseconds on the first call of a JVM (keys are looked up on every call).
    @Override
    public boolean equals(Object o) {
      return o instanceof Key<?> k && name.equals(k.name) && type == k.type;
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + type.hashCode();
    }
  }
}
