package dev.llmkit.provider.gemini;

import dev.llmkit.api.Secret;
import dev.llmkit.spi.support.Redactor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach the Gemini API for one configuration: the model URIs, the key (sent in the
 * {@code x-goog-api-key} header only, never as {@code ?key=}, which would leak into access logs), extra
 * headers and the request timeout. A base URL with no path (a local mock, a bare host) gets
 * {@value #DEFAULT_VERSION} appended; one with a path is used as given. Its {@link #toString()} shows
 * neither the key nor header values.
 */
final class GeminiEndpoint {
  static final String DEFAULT_VERSION = "/v1beta";

  private final String root;
  private final @Nullable Secret apiKey;
  private final Map<String, String> extraHeaders;
  private final @Nullable Duration timeout;
  private final boolean plainHttp;

  GeminiEndpoint(String baseUrl, @Nullable Secret apiKey, Map<String, String> extraHeaders, @Nullable Duration timeout) {
    this.root = normalize(baseUrl);
    this.apiKey = apiKey;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.timeout = timeout;
    this.plainHttp = "http".equalsIgnoreCase(URI.create(root).getScheme());
  }

  private static String normalize(String baseUrl) {
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String path = URI.create(base).getRawPath();
    return path == null || path.isEmpty() ? base + DEFAULT_VERSION : base;
  }

  URI generateContent(String model) {
    return modelUri(model, ":generateContent");
  }

  URI streamGenerateContent(String model) {
    return modelUri(model, ":streamGenerateContent?alt=sse");
  }

  URI countTokens(String model) {
    return modelUri(model, ":countTokens");
  }

  /** {@code models/{model}}, the name encoded as one path segment so that it cannot reshape the URI. */
  private URI modelUri(String model, String method) {
    String segment = URLEncoder.encode(GeminiModels.canonical(model), StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(root + "/models/" + segment + method);
  }

  /** A redactor of this endpoint's key, for the text of errors; the key itself never leaves this class. */
  Redactor redactor() {
    return Redactor.of(apiKey, extraHeaders);
  }

  /** A POST of a JSON body to {@code uri}; {@code stream} asks for an event stream. */
  HttpRequest post(URI uri, byte[] body, boolean stream) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("content-type", "application/json")
        .header("accept", stream ? "text/event-stream" : "application/json");
    if (apiKey != null) {
      b.header("x-goog-api-key", apiKey.reveal());
    }
    // Extra headers (a gateway's auth, x-goog-user-project) replace defaults of the same name.
    extraHeaders.forEach(b::setHeader);
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (plainHttp) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain http (local servers, mocks)
    }
    return b.build();
  }

  /**
   * {@code uri} for a log line or a toString: scheme, host, port and path, without user info or query
   * (a gateway base URL may carry credentials there).
   */
  static String describe(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
  }

  @Override
  public String toString() {
    return "GeminiEndpoint[" + describe(URI.create(root)) + ", headers=" + extraHeaders.keySet() + "]";
  }
}
