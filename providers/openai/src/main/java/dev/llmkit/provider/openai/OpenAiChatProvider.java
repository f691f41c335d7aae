package dev.llmkit.provider.openai;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.FailedPublisher;
import dev.llmkit.spi.support.HttpEventPublisher;
import dev.llmkit.spi.support.HttpExchanges;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.ResponseHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatProvider} for one OpenAI-compatible server and one configuration. Blocking calls use
 * {@link HttpClient#send} (one thread hand-off fewer than joining an async call); async calls keep
 * the {@code sendAsync} future so that cancelling the returned future aborts the exchange; streams
 * go through {@link HttpEventPublisher} with a {@link ChatStreamDecoder}. Answers carry the metadata of
 * their headers (request id, rate limits, retry hint, a proxy's cost) and a cost the body reports.
 * Thread-safe and immutable.
 */
final class OpenAiChatProvider implements ChatProvider {
  private final Dialect dialect;
  private final HttpClient client;
  private final Clock clock;
  private final System.Logger logger;
  private final Endpoint endpoint;
  private final @Nullable Secret apiKey;
  private final List<Map.Entry<String, String>> headers; // static headers, applied after auth so they may override it
  private final @Nullable Duration timeout;
  private final RequestWriter writer;
  private final Redactor redactor;

  private OpenAiChatProvider(Dialect dialect, ProviderContext context, Endpoint endpoint, @Nullable Secret apiKey,
      List<Map.Entry<String, String>> headers, @Nullable Duration timeout, Redactor redactor) {
    this.dialect = dialect;
    this.client = context.httpClient();
    this.clock = context.clock();
    this.logger = context.logger();
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.headers = List.copyOf(headers);
    this.timeout = timeout;
    this.writer = new RequestWriter(dialect, logger);
    this.redactor = redactor;
  }

  /** Resolves key, endpoint and headers now, so that a config that cannot work fails at creation. */
  static OpenAiChatProvider create(Dialect dialect, LlmConfig config, ProviderContext context) {
    Secret key = ApiKeys.resolve(dialect, config, context);
    Endpoint endpoint = Endpoint.resolve(dialect, config, context);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (dialect.id().equals(OpenAiProviderFactory.ID)) {
      context.env("OPENAI_ORG_ID").filter(v -> !v.isBlank()).ifPresent(v -> headers.add(Map.entry("OpenAI-Organization", v)));
      context.env("OPENAI_PROJECT_ID").filter(v -> !v.isBlank()).ifPresent(v -> headers.add(Map.entry("OpenAI-Project", v)));
    }
    if (dialect.style() == Dialect.Style.OPENROUTER) {
      if (config.openrouterSiteUrl() != null) {
        headers.add(Map.entry("HTTP-Referer", config.openrouterSiteUrl()));
      }
      if (config.openrouterAppName() != null) {
        headers.add(Map.entry("X-Title", config.openrouterAppName()));
      }
    }
    headers.addAll(config.extraHeaders().entrySet());
    checkHeaders(dialect, headers);
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    headers.forEach(h -> secrets.put(h.getKey(), h.getValue()));
    return new OpenAiChatProvider(dialect, context, endpoint, key, headers, config.timeout(), Redactor.of(key, secrets));
  }

  @Override
  public ProviderResponse respond(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = httpRequest(request, false);
    return HttpExchanges.send(client, http, dialect.id(), model, redactor, response -> handle(response, model));
  }

  @Override
  public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = httpRequest(request, false);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    return HttpExchanges.sendAsync(client, http, dialect.id(), model, redactor, response -> handle(response, model));
  }

  @Override
  public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = httpRequest(request, true);
    } catch (LlmException e) {
      return FailedPublisher.of(e);
    }
    ErrorMapper errors = errors(model);
    return new HttpEventPublisher(client, http, () -> new ChatStreamDecoder(dialect.id(), model, errors, clock), errors,
        dialect.id(), redactor);
  }

  private HttpRequest httpRequest(ProviderRequest request, boolean stream) {
    String model = request.model().name();
    byte[] body = writer.write(request, stream);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.uri(model))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("Accept", stream ? "text/event-stream" : "application/json");
    if (endpoint.plainHttp()) {
      b.version(HttpClient.Version.HTTP_1_1);
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (apiKey != null) {
      if (dialect.style() == Dialect.Style.AZURE) {
        b.setHeader("api-key", apiKey.reveal());
      } else {
        b.setHeader("Authorization", "Bearer " + apiKey.reveal());
      }
    }
    for (Map.Entry<String, String> h : headers) {
      b.setHeader(h.getKey(), h.getValue());
    }
    logger.log(System.Logger.Level.DEBUG, () -> "POST " + endpoint + " model=" + model + " stream=" + stream
        + " bytes=" + body.length);
    return b.build();
  }

  private ProviderResponse handle(HttpResponse<byte[]> response, String model) {
    ErrorMapper errors = errors(model);
    if (response.statusCode() / 100 != 2) {
      throw errors.map(response.statusCode(), response.headers(), response.body());
    }
    return new ResponseReader(dialect.id(), model, errors, redactor)
        .read(response.body(), ResponseHeaders.metadata(response.headers(), clock));
  }

  private ErrorMapper errors(String model) {
    return new ErrorMapper(dialect.id(), model, clock, redactor);
  }

  private static void checkHeaders(Dialect dialect, List<Map.Entry<String, String>> headers) {
    HttpRequest.Builder probe = HttpRequest.newBuilder();
    for (Map.Entry<String, String> h : headers) {
      try {
        probe.setHeader(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        // The value may be a credential: name the header only.
        throw LlmException.builder(ErrorKind.CONFIGURATION, "the HTTP client does not allow the header '" + h.getKey()
                + "' (restricted name or invalid value); remove it from LlmConfig.extraHeaders")
            .provider(dialect.id()).build();
      }
    }
  }

  @Override
  public String toString() {
    return "OpenAiChatProvider[" + dialect.id() + ", " + endpoint + (apiKey == null ? "" : ", apiKey=" + apiKey) + "]";
  }
}
