package dev.llmkit.provider.anthropic;

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
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The Anthropic Messages API as a {@link ChatProvider}: sync calls block on {@code client.send},
 * async calls ride {@code client.sendAsync} (cancelling the returned future aborts the exchange),
 * streams go through {@link HttpEventPublisher} with an {@link AnthropicStreamDecoder}. Answers carry
 * the metadata of their headers (request id, rate limits, retry hint, a proxy's cost). No retries,
 * caching or cost here: the engine does those. Thread-safe.
 */
final class AnthropicProvider implements ChatProvider {
  private final AnthropicEndpoint endpoint;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final MessagesRequestWriter writer;
  private final MessagesResponseReader reader;
  private final AnthropicErrors errors;
  private final Redactor redactor;
  private final Clock clock;
  private final System.Logger logger;

  AnthropicProvider(AnthropicEndpoint endpoint, ProviderContext context, ObjectMapper mapper) {
    this.endpoint = endpoint;
    this.client = context.httpClient();
    this.mapper = mapper;
    this.writer = new MessagesRequestWriter(mapper);
    this.redactor = endpoint.redactor();
    this.reader = new MessagesResponseReader(mapper, redactor);
    this.errors = new AnthropicErrors(mapper, context.clock(), redactor);
    this.clock = context.clock();
    this.logger = context.logger();
  }

  @Override
  public ProviderResponse respond(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = endpoint.post(endpoint.messagesUri(), writer.messages(request, false), false);
    log(http);
    OutputFormatPlan output = MessagesRequestWriter.outputPlan(request);
    return HttpExchanges.send(client, http, AnthropicProviderFactory.ID, model, redactor,
        response -> output.unwrap(read(success(response, model), model)));
  }

  @Override
  public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = endpoint.post(endpoint.messagesUri(), writer.messages(request, false), false);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    log(http);
    OutputFormatPlan output = MessagesRequestWriter.outputPlan(request);
    return HttpExchanges.sendAsync(client, http, AnthropicProviderFactory.ID, model, redactor,
        response -> output.unwrap(read(success(response, model), model)));
  }

  @Override
  public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http;
    try {
      http = endpoint.post(endpoint.messagesUri(), writer.messages(request, true), true);
    } catch (LlmException e) {
      return FailedPublisher.of(e);
    }
    log(http);
    return MessagesRequestWriter.outputPlan(request).unwrap(new HttpEventPublisher(
        client,
        http,
        () -> new AnthropicStreamDecoder(mapper, errors, model, clock),
        (status, headers, body) -> errors.fromResponse(status, headers, body, model),
        AnthropicProviderFactory.ID,
        redactor));
  }

  @Override
  public OptionalLong countInputTokens(ProviderRequest request) {
    String model = request.model().name();
    HttpRequest http = endpoint.post(endpoint.countTokensUri(), writer.countTokens(request), false);
    log(http);
    return HttpExchanges.send(client, http, AnthropicProviderFactory.ID, model, redactor,
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

  private void log(HttpRequest http) {
    // Method and URI only: headers carry the key.
    // No user info or query: a gateway base URL may carry credentials there.
    logger.log(System.Logger.Level.DEBUG, () -> "anthropic " + http.method() + " " + http.uri().getScheme() + "://"
        + http.uri().getHost() + (http.uri().getPort() < 0 ? "" : ":" + http.uri().getPort()) + http.uri().getPath());
  }

  @Override
  public String toString() {
    return "AnthropicProvider[" + endpoint + "]";
  }
}
