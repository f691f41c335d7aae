package dev.llmkit.provider.ollama;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's {@code /api/chat} as a {@link ChatProvider}: sync calls block on {@code client.send}, async
 * calls ride {@code client.sendAsync} (cancelling the returned future aborts the exchange), streams go
 * through {@link HttpEventPublisher} with an {@link OllamaStreamDecoder}. On all three, a refused
 * connection says that no Ollama server runs at the base URL. No retries, caching or cost here: the
 * engine does those. Thread-safe.
 */
final class OllamaProvider implements ChatProvider {
  private static final String PROVIDER = OllamaProviderFactory.ID;

  private final OllamaEndpoint endpoint;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final ChatRequestWriter writer;
  private final ChatResponseReader reader;
  private final OllamaErrors errors;
  private final Redactor redactor;
  private final Clock clock;
  private final System.Logger logger;

  /** {@code contextLength} is sent as {@code num_ctx} when set. */
  OllamaProvider(OllamaEndpoint endpoint, ProviderContext context, ObjectMapper mapper, @Nullable Integer contextLength) {
    this.endpoint = endpoint;
    this.client = context.httpClient();
    this.mapper = mapper;
    this.writer = new ChatRequestWriter(mapper, contextLength);
    this.redactor = endpoint.redactor();
    this.errors = new OllamaErrors(mapper, context.clock(), redactor, endpoint.displayUrl());
    this.reader = new ChatResponseReader(mapper, errors);
    this.clock = context.clock();
    this.logger = context.logger();
  }

  @Override
  public ProviderResponse respond(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = post(request, false);
    try {
      return HttpExchanges.send(client, http, PROVIDER, model, redactor, response -> read(response, model));
    } catch (LlmException e) {
      throw errors.unreachable(e, model);
    }
  }

  @Override
  public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = post(request, false);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<ProviderResponse> exchange =
        HttpExchanges.sendAsync(client, http, PROVIDER, model, redactor, response -> read(response, model));
    // Not exchange.handle(...): cancelling a derived future would leave the exchange running.
    CompletableFuture<ProviderResponse> result = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(errors.unreachable(failure, model));
      } else {
        result.complete(response);
      }
    });
    result.whenComplete((response, failure) -> exchange.cancel(true)); // a no-op once the exchange is done
    return result;
  }

  @Override
  public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = post(request, true);
    } catch (LlmException e) {
      return FailedPublisher.of(e);
    }
    return new ErrorMappingPublisher(
        new HttpEventPublisher(
            client,
            http,
            () -> new OllamaStreamDecoder(mapper, errors, model, clock),
            (status, headers, body) -> errors.fromResponse(status, headers, body, model),
            PROVIDER,
            redactor),
        failure -> errors.unreachable(failure, model));
  }

  private ProviderResponse read(HttpResponse<byte[]> response, String model) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromResponse(response.statusCode(), response.headers(), response.body(), model);
    }
    return reader.read(response.body(), model, ResponseHeaders.metadata(response.headers(), clock));
  }

  /** The request for {@code request}, logged; an {@link LlmException} when it cannot be written. */
  private HttpRequest post(ProviderRequest request, boolean stream) {
    HttpRequest http = endpoint.post(writer.chat(request, stream), stream);
    // The endpoint's address, not the request's URI: headers carry credentials, and so may a query.
    logger.log(System.Logger.Level.DEBUG, () -> "ollama " + http.method() + " " + endpoint.displayUrl() + "/api/chat");
    return http;
  }

  @Override
  public String toString() {
    return "OllamaProvider[" + endpoint + "]";
  }
}
