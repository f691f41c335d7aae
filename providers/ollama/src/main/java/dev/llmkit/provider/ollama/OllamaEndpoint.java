package dev.llmkit.provider.ollama;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.support.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach {@code /api/chat} for one configuration: the URI, the optional credentials,
 * extra headers and the request timeout. A base URL may end in {@code /api} (as ollama.com's does) or
 * not. User-info in the base URL is never part of the request URI (the JDK would not send it anyway):
 * it becomes Basic auth when no key is configured. Its {@link #toString()} and {@link #displayUrl()}
 * show neither credentials nor a query.
 */
final class OllamaEndpoint {
  private final URI chat;
  private final String displayUrl;
  private final @Nullable Secret apiKey;
  private final @Nullable String authorization;
  private final Map<String, String> extraHeaders;
  private final @Nullable Duration timeout;
  private final boolean plainHttp;

  OllamaEndpoint(String baseUrl, @Nullable Secret apiKey, Map<String, String> extraHeaders, @Nullable Duration timeout) {
    URI base = parse(baseUrl);
    String hostPort = base.getRawAuthority().substring(base.getRawAuthority().lastIndexOf('@') + 1);
    String root = base.getScheme().toLowerCase(Locale.ROOT) + "://" + hostPort + apiRoot(base.getRawPath());
    this.chat = URI.create(root + "/api/chat" + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
    this.displayUrl = root;
    this.apiKey = apiKey;
    this.authorization = authorization(apiKey, base.getUserInfo());
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.timeout = timeout;
    this.plainHttp = "http".equals(chat.getScheme());
    checkHeaders(this.extraHeaders);
  }

  private static URI parse(String baseUrl) {
    try {
      URI uri = new URI(baseUrl.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without the URL: it may hold credentials
    }
    throw LlmException.builder(ErrorKind.CONFIGURATION,
            "the Ollama base URL must be an absolute http(s) URL such as " + OllamaProviderFactory.DEFAULT_BASE_URL)
        .provider(OllamaProviderFactory.ID).build();
  }

  /** The path before {@code /api/chat}: the base path without final slashes or a final {@code /api}. */
  private static String apiRoot(@Nullable String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.endsWith("/api") ? path.substring(0, path.length() - "/api".length()) : path;
  }

  private static @Nullable String authorization(@Nullable Secret apiKey, @Nullable String userInfo) {
    if (apiKey != null) {
      return "Bearer " + apiKey.reveal();
    }
    if (userInfo != null && !userInfo.isEmpty()) {
      return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** Fails when the config is built, naming the header (never its value), if java.net.http refuses it. */
  private static void checkHeaders(Map<String, String> headers) {
    HttpRequest.Builder probe = HttpRequest.newBuilder();
    headers.forEach((name, value) -> {
      try {
        probe.setHeader(name, value);
      } catch (IllegalArgumentException e) {
        throw LlmException.builder(ErrorKind.CONFIGURATION,
                "extraHeaders: Java's HTTP client cannot send the header '" + name + "' (restricted or malformed)")
            .provider(OllamaProviderFactory.ID).build();
      }
    });
  }

  /** The server's address for messages: scheme, host, port and path, never user-info or a query. */
  String displayUrl() {
    return displayUrl;
  }

  /** A redactor of this endpoint's key, for the text of errors; the key itself never leaves this class. */
  Redactor redactor() {
    Redactor r = Redactor.of(apiKey, extraHeaders);
    if (authorization != null && authorization.startsWith("Basic ")) {
      // user:password from the base URL, and its base64 form as it went on the wire
      String encoded = authorization.substring("Basic ".length());
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      r = colon >= 0 ? r.with(encoded, decoded, decoded.substring(colon + 1)) : r.with(encoded, decoded);
    }
    return r;
  }

  /** A POST of a chat body; {@code stream} asks for NDJSON. */
  HttpRequest post(byte[] body, boolean stream) {
    HttpRequest.Builder b = HttpRequest.newBuilder(chat)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("content-type", "application/json")
        .header("accept", stream ? "application/x-ndjson" : "application/json");
    if (authorization != null) {
      b.header("authorization", authorization);
    }
    // Extra headers (a proxy's own auth, say) replace defaults of the same name.
    extraHeaders.forEach(b::setHeader);
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (plainHttp) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with a local server
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "OllamaEndpoint[" + displayUrl + "/api/chat, headers=" + extraHeaders.keySet() + "]";
  }
}
