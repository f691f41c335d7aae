package dev.llmkit.provider.openai;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ProviderContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where requests go. For most servers that is {@code {base}/chat/completions}. Azure classic puts the
 * deployment (the model name) in the path and needs {@code api-version}; a base URL that already ends
 * in {@code /openai/v1} selects Azure's v1 API, which takes the deployment as {@code model} instead.
 */
final class Endpoint {
  /** The GA Azure OpenAI data-plane version used when none is configured. */
  static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

  private final String base;
  private final @Nullable String azureApiVersion; // non-null: Azure deployments URL
  private final @Nullable URI fixed;

  private Endpoint(String base, @Nullable String azureApiVersion) {
    this.base = base;
    this.azureApiVersion = azureApiVersion;
    this.fixed = azureApiVersion == null ? URI.create(base + "/chat/completions") : null;
  }

  static Endpoint resolve(Dialect dialect, LlmConfig config, ProviderContext context) {
    String base = config.baseUrl();
    if (base == null && dialect.style() == Dialect.Style.AZURE) {
      base = firstEnv(context, "AZURE_OPENAI_ENDPOINT", "AZURE_API_BASE").orElse(null);
    }
    if (base == null) {
      base = dialect.defaultBaseUrl();
    }
    if (base == null) {
      throw LlmException.builder(ErrorKind.CONFIGURATION, dialect.displayName()
              + " needs the endpoint of your resource: set LlmConfig.baseUrl to https://{resource}.openai.azure.com"
              + " (or the AZURE_OPENAI_ENDPOINT environment variable)")
          .provider(dialect.id()).build();
    }
    base = stripTrailingSlashes(base.trim());
    checkUrl(dialect, base);
    if (dialect.style() != Dialect.Style.AZURE || base.endsWith("/openai/v1")) {
      return new Endpoint(base, null);
    }
    if (base.endsWith("/openai")) {
      base = base.substring(0, base.length() - "/openai".length());
    }
    String version = config.apiVersion() != null
        ? config.apiVersion()
        : firstEnv(context, "AZURE_API_VERSION", "OPENAI_API_VERSION").orElse(DEFAULT_AZURE_API_VERSION);
    return new Endpoint(base, version);
  }

  URI uri(String model) {
    if (fixed != null) {
      return fixed;
    }
    return URI.create(base + "/openai/deployments/" + encode(model) + "/chat/completions?api-version="
        + encode(azureApiVersion));
  }

  /** Plain http (a local server, a mock) is spoken as HTTP/1.1 to avoid the h2c upgrade dance. */
  boolean plainHttp() {
    return base.regionMatches(true, 0, "http:", 0, 5);
  }

  String base() {
    return base;
  }

  private static String stripTrailingSlashes(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  private static void checkUrl(Dialect dialect, String base) {
    try {
      URI uri = new URI(base);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException("not an absolute http(s) URL");
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw LlmException.builder(ErrorKind.CONFIGURATION,
              "the base URL of " + dialect.displayName() + " must be an absolute http(s) URL, was '" + redact(base) + "'")
          .provider(dialect.id()).cause(e).build();
    }
  }

  private static String encode(@Nullable String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Optional<String> firstEnv(ProviderContext context, String... names) {
    for (String name : names) {
      Optional<String> v = context.env(name).filter(s -> !s.isBlank());
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /**
   * The URL without user-info or query, for messages and {@code toString}: a proxy URL may carry
   * {@code user:password@} and some gateways take keys as query parameters.
   */
  static String redact(String url) {
    String s = url;
    int query = s.indexOf('?');
    if (query >= 0) {
      s = s.substring(0, query + 1) + "****";
    }
    int scheme = s.indexOf("://");
    int authority = scheme < 0 ? 0 : scheme + 3;
    int slash = s.indexOf('/', authority);
    int at = s.lastIndexOf('@', slash < 0 ? s.length() - 1 : slash - 1);
    return at >= authority ? s.substring(0, authority) + "****" + s.substring(at) : s;
  }

  @Override
  public String toString() {
    return redact(base) + (azureApiVersion == null ? "" : " (api-version " + azureApiVersion + ")");
  }
}
