package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request the mock server received, for assertions: the {@link WireDialect} that served it, the
 * path and query, the headers (names lower-cased), the body as text and as a JSON tree, and the body
 * read back by the dialect ({@link #view()}).
 *
 * <pre>{@code
 * RecordedRequest req = mock.lastRequest();
 * assertThat(req.view().system()).isEqualTo("Answer tersely.");
 * assertThat(req.json().at("/messages/0/role").asText()).isEqualTo("system");
 * assertThat(req.header("authorization")).contains("Bearer test-key");
 * }</pre>
 *
 * <p>The JSON tree is shared: read it, do not modify it.
 */
public final class RecordedRequest {
  private final WireDialect dialect;
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final JsonNode json;
  private volatile @Nullable WireView view;

  RecordedRequest(WireDialect dialect, String method, String path, String query, Map<String, List<String>> headers,
      byte[] body) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.query = Objects.requireNonNull(query, "query");
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    lower.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Map.copyOf(lower);
    this.body = body.clone();
    this.json = Json.parseLenient(this.body);
  }

  /** The dialect that served the request (matched by its path). */
  public WireDialect dialect() {
    return dialect;
  }

  public String method() {
    return method;
  }

  /** The request path without the query, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  /** The query string without the {@code ?} (e.g. Gemini's {@code alt=sse}), or the empty string. */
  public String query() {
    return query;
  }

  /** All headers, names lower-cased. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, looked up ignoring case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body bytes (a copy). */
  public byte[] bodyBytes() {
    return body.clone();
  }

  /** The body as a JSON tree; a missing node when the body was empty or not JSON. */
  public JsonNode json() {
    return json;
  }

  /** The request read back by its dialect into the neutral {@link WireView}; read once, on first use. */
  public WireView view() {
    WireView read = view;
    if (read == null) {
      read = dialect.read(this);
      view = read;
    }
    return read;
  }

  /** True when the request asked for a streamed response (a body flag, or the path for Gemini). */
  public boolean isStream() {
    return view().stream();
  }

  /** True for a request to the dialect's token-counting endpoint ({@link WireDialect#tokenCountPath}). */
  public boolean isTokenCount() {
    return dialect.tokenCountPath(model()).filter(path::endsWith).isPresent();
  }

  /** The model asked for, or the empty string. */
  public String model() {
    return view().model();
  }

  @Override
  public String toString() {
    // Headers are left out on purpose: they carry the API key.
    return "RecordedRequest[" + dialect.name() + " " + method + " " + path + ", " + body.length + " bytes]";
  }
}
