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

/**
 * One request the mock server received, for assertions: the wire format it was addressed to, the
 * path, the headers (names lower-cased) and the body as text and as a JSON tree.
 *
 * <pre>{@code
 * RecordedRequest req = mock.lastRequest();
 * assertThat(req.json().at("/messages/0/role").asText()).isEqualTo("system");
 * assertThat(req.header("authorization")).contains("Bearer test-key");
 * }</pre>
 *
 * <p>The JSON tree is shared: read it, do not modify it.
 */
public final class RecordedRequest {
  private final MockLlmServer.WireFormat format;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final JsonNode json;

  RecordedRequest(MockLlmServer.WireFormat format, String method, String path, Map<String, List<String>> headers,
      byte[] body) {
    this.format = Objects.requireNonNull(format, "format");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    lower.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Map.copyOf(lower);
    this.body = body.clone();
    this.json = Json.parseLenient(this.body);
  }

  /** The wire format the request was addressed to (by its path). */
  public MockLlmServer.WireFormat format() {
    return format;
  }

  public String method() {
    return method;
  }

  /** The request path without the query, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
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

  /** True when the body asked for a streamed response ({@code "stream": true}). */
  public boolean isStream() {
    return json.path("stream").asBoolean(false);
  }

  /** True for Anthropic's {@code /v1/messages/count_tokens}. */
  public boolean isTokenCount() {
    return path.endsWith("/count_tokens");
  }

  /** The {@code model} field of the body, or the empty string. */
  public String model() {
    return json.path("model").asText("");
  }

  @Override
  public String toString() {
    // Headers are left out on purpose: they carry the API key.
    return "RecordedRequest[" + format + " " + method + " " + path + ", " + body.length + " bytes]";
  }
}
