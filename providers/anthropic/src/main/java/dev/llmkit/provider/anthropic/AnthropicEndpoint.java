package dev.llmkit.provider.anthropic;

import dev.llmkit.api.Secret;
import dev.llmkit.spi.support.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach the Messages API for one configuration: the endpoint URIs, the key, the
 * {@code anthropic-version}, extra headers (e.g. {@code anthropic-beta}) and the request timeout.
 * Its {@link #toString()} shows neither the key nor header values.
 */
final class AnthropicEndpoint {
  static final String DEFAULT_VERSION = "2023-06-01";

  private final URI messages;
  private final URI countTokens;
  private final @Nullable Secret apiKey;
  private final String version;
  private final Map<String, String> extraHeaders;
  private final @Nullable Duration timeout;
  private final boolean plainHttp;

  AnthropicEndpoint(
      String baseUrl, @Nullable Secret apiKey, @Nullable String version, Map<String, String> extraHeaders,
      @Nullable Duration timeout) {
    String base = normalize(baseUrl);
    this.messages = URI.create(base + "/v1/messages");
    this.countTokens = URI.create(base + "/v1/messages/count_tokens");
    this.apiKey = apiKey;
    this.version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.timeout = timeout;
    this.plainHttp = "http".equalsIgnoreCase(messages.getScheme());
  }

  /** Both {@code https://host} and {@code https://host/v1} (with or without a final slash) name the API root. */
  private static String normalize(String baseUrl) {
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
  }

  URI messagesUri() {
    return messages;
  }

  URI countTokensUri() {
    return countTokens;
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
        .header("accept", stream ? "text/event-stream" : "application/json")
        .header("anthropic-version", version);
    if (apiKey != null) {
      b.header("x-api-key", apiKey.reveal());
    }
    // Extra headers (anthropic-beta, a gateway's auth) replace defaults of the same name.
    extraHeaders.forEach(b::setHeader);
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (plainHttp) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain http (local servers, mocks)
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "AnthropicEndpoint[" + messages + ", version=" + version + ", headers=" + extraHeaders.keySet() + "]";
  }
}
