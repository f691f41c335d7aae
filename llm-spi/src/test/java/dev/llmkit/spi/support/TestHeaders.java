package dev.llmkit.spi.support;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link HttpHeaders} from name/value pairs for tests. */
final class TestHeaders {
  private TestHeaders() {}

  static HttpHeaders of(String... namesAndValues) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return HttpHeaders.of(map, (n, v) -> true);
  }
}
