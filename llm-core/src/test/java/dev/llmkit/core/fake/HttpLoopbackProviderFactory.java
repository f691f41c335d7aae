package dev.llmkit.core.fake;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.HttpErrors;
import dev.llmkit.spi.support.HttpEventPublisher;
import dev.llmkit.spi.support.HttpExchanges;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.spi.support.SseDecoder;
import dev.llmkit.spi.support.StreamDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A provider "loop" that speaks a toy wire format over real HTTP, through the host's client and the
 * SPI's support classes, the way a real provider does: the body of a non-streaming answer is its text;
 * a stream is SSE whose {@code data:} lines are text and {@code [DONE]} ends it. The API key goes in an
 * {@code Authorization} header.
 */
public final class HttpLoopbackProviderFactory implements ProviderFactory {
  public static final String ID = "loop";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return ProviderDescriptor.builder(ID).modelPatterns("loop-*").requiresApiKey(false)
        .capabilities(ProviderDescriptor.Capability.STREAMING).build();
  }

  @Override
  public ModelInfo describeModel(String modelName) {
    return new ModelInfo(ID, modelName, ModelFeatures.of(ModelFeature.STOP_WORDS), 100_000, 4_096);
  }

  @Override
  public ChatProvider create(LlmConfig config, ProviderContext context) {
    return new Provider(URI.create(config.baseUrl()), config.apiKey() == null ? null : config.apiKey().reveal(),
        context.httpClient(), context.clock());
  }

  private record Provider(URI base, String key, HttpClient client, Clock clock) implements ChatProvider {
    private HttpRequest request(boolean stream) {
      HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(stream ? "/stream" : "/complete"))
          .version(HttpClient.Version.HTTP_1_1).POST(HttpRequest.BodyPublishers.ofString("{}"));
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      return b.build();
    }

    @Override
    public ProviderResponse respond(ProviderRequest request) {
      return read(HttpExchanges.send(client, request(false), ID, request.model().name()), request.model().name());
    }

    @Override
    public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
      String model = request.model().name();
      return HttpExchanges.sendAsync(client, request(false), ID, model, r -> read(r, model));
    }

    private ProviderResponse read(HttpResponse<byte[]> response, String model) {
      if (response.statusCode() / 100 != 2) {
        throw HttpErrors.fromResponse(ID, HttpErrors.kindForStatus(response.statusCode()), response.statusCode(),
            response.headers(), ID + " answered HTTP " + response.statusCode(), clock).model(model).build();
      }
      return new ProviderResponse("r1", model, new AssistantMessage(new String(response.body(), StandardCharsets.UTF_8),
          java.util.List.of(), java.util.List.of()), FinishReason.STOP, "stop", Usage.of(1, 1),
          ResponseMetadata.NONE);
    }

    @Override
    public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
      String model = request.model().name();
      return new HttpEventPublisher(client, request(true), () -> new Decoder(model),
          (status, headers, body) -> LlmException.builder(HttpErrors.kindForStatus(status), ID + " answered HTTP " + status)
              .provider(ID).httpStatus(status).build(), ID);
    }
  }

  private static final class Decoder implements StreamDecoder {
    private final String model;
    private final SseDecoder sse = new SseDecoder();
    private final ResponseAssembler assembler = new ResponseAssembler();
    private boolean done;

    Decoder(String model) {
      this.model = model;
    }

    @Override
    public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
      sse.feed(buffer, e -> {
        if (done) {
          return;
        }
        if ("[DONE]".equals(e.data())) {
          done = true;
          out.accept(new ChatEvent.Completed(assembler.build(ID, model, FinishReason.STOP, "stop")));
        } else {
          out.accept(assembler.text(e.data()));
        }
      });
    }

    @Override
    public void finish(Consumer<ChatEvent> out) {
      if (!done) {
        throw LlmException.builder(dev.llmkit.api.ErrorKind.MALFORMED_RESPONSE, "truncated").provider(ID)
            .midStream(true).retryable(true).build();
      }
    }

    @Override
    public ChatResponse partial() {
      return assembler.partial(ID, model);
    }
  }
}
