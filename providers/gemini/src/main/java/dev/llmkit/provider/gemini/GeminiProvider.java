package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.FailedPublisher;
import dev.llmkit.spi.support.HttpEventPublisher;
import dev.llmkit.spi.support.HttpExchanges;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.ResponseHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The Gemini API as a {@link ChatProvider}: sync calls block on {@code client.send}, async calls ride
 * {@code client.sendAsync} (cancelling the returned future aborts the exchange), streams go through
 * {@link HttpEventPublisher} with a {@link GeminiStreamDecoder}. Answers carry the metadata of their
 * headers. No retries, caching or cost here: the engine does those. Thread-safe.
 */
final class GeminiProvider implements ChatProvider {
  private final GeminiEndpoint endpoint;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final GenerateContentWriter writer;
  private final GenerateContentReader reader;
  private final GeminiErrors errors;
  private final Redactor redactor;
  private final Clock clock;
  private final System.Logger logger;

  GeminiProvider(
      GeminiEndpoint endpoint, List<Map<String, String>> safetySettings, ProviderContext context, ObjectMapper mapper) {
    this.endpoint = endpoint;
    this.client = context.httpClient();
    this.mapper = mapper;
    this.logger = context.logger();
    this.writer = new GenerateContentWriter(mapper, safetySettings, logger);
    this.redactor = endpoint.redactor();
    this.reader = new GenerateContentReader(mapper, redactor);
    this.errors = new GeminiErrors(mapper, context.clock(), redactor);
    this.clock = context.clock();
  }

  @Override
  public ProviderResponse respond(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = post(endpoint.generateContent(model), writer.generateContent(request), false);
    return HttpExchanges.send(client, http, GeminiProviderFactory.ID, model, redactor,
        response -> read(success(response, model), model));
  }

  @Override
  public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = post(endpoint.generateContent(model), writer.generateContent(request), false);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    return HttpExchanges.sendAsync(client, http, GeminiProviderFactory.ID, model, redactor,
        response -> read(success(response, model), model));
  }

  @Override
  public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = post(endpoint.streamGenerateContent(model), writer.generateContent(request), true);
    } catch (LlmException e) {
      return FailedPublisher.of(e);
    }
    return new HttpEventPublisher(
        client,
        http,
        () -> new GeminiStreamDecoder(mapper, errors, model, clock),
        (status, headers, body) -> errors.fromResponse(status, headers, body, model),
        GeminiProviderFactory.ID,
        redactor);
  }

  @Override
  public OptionalLong countInputTokens(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = post(endpoint.countTokens(model), writer.countTokens(request), false);
    return HttpExchanges.send(client, http, GeminiProviderFactory.ID, model, redactor,
        response -> reader.readTokenCount(success(response, model).body(), model));
  }

  private ProviderResponse read(HttpResponse<byte[]> response, String model) {
    return reader.read(response.body(), model, ResponseHeaders.metadata(response.headers(), clock));
  }

  private HttpResponse<byte[]> success(HttpResponse<byte[]> response, String model) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromResponse(response.statusCode(), response.headers(), response.body(), model);
    }
    return response;
  }

  /** The request, logged by method and URI only: headers carry the key. */
  private HttpRequest post(URI uri, byte[] body, boolean stream) {
    logger.log(System.Logger.Level.DEBUG, () -> "gemini POST " + GeminiEndpoint.describe(uri));
    return endpoint.post(uri, body, stream);
  }

  @Override
  public String toString() {
    return "GeminiProvider[" + endpoint + "]";
  }
}
