package dev.llmkit.spi.support;

import java.net.http.HttpHeaders;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Header look-ups for the per-call path. {@link HttpHeaders#firstValue} builds a stream and an
 * {@code Optional} for every look-up, present or not; the headers' own case-insensitive map does not.
 */
final class Headers {
  private Headers() {}

  static @Nullable String first(HttpHeaders headers, String name) {
    List<String> values = headers.map().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
