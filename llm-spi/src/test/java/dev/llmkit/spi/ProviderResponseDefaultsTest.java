package dev.llmkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Providers written for either form of the SPI work through both forms. */
class ProviderResponseDefaultsTest {
  private static final ProviderRequest REQUEST =
      ProviderRequest.of(new ModelInfo("acme", "m", ModelFeatures.BASIC, null, null), ChatRequest.of(Message.user("hi")));
  private static final ResponseMetadata WIRE = ResponseMetadata.of("req_1", RateLimits.NONE, null, Cost.usd("0.01"));
  private static final ProviderResponse WIRE_RESPONSE = new ProviderResponse("id", "m-2024", AssistantMessage.of("hello"),
      FinishReason.STOP, "stop", Usage.of(3, 4), WIRE);

  @Nested
  class AProviderOfProviderResponses {
    final CompletableFuture<ProviderResponse> pending = new CompletableFuture<>();
    final ChatProvider provider = new ChatProvider() {
      @Override
      public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
        return pending;
      }

      @Override
      public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
        throw new UnsupportedOperationException();
      }
    };

    @Test
    void answers_the_older_methods_with_a_chat_response_that_keeps_the_metadata_and_no_engine_fields() {
      pending.complete(WIRE_RESPONSE);

      ChatResponse sync = provider.complete(REQUEST);
      assertThat(sync).isEqualTo(provider.completeAsync(REQUEST).join());
      assertThat(sync.provider()).isEqualTo("acme");
      assertThat(sync.model()).isEqualTo("m-2024");
      assertThat(sync.metadata()).isEqualTo(WIRE);
      assertThat(sync.latency()).isEqualTo(Duration.ZERO);
      assertThat(sync.cost()).isNull();
      assertThat(provider.respond(REQUEST)).isEqualTo(WIRE_RESPONSE);
    }

    @Test
    void cancelling_the_older_future_cancels_its_own() {
      provider.completeAsync(REQUEST).cancel(true);

      assertThat(pending).isCancelled();
    }
  }

  @Nested
  class AProviderOfChatResponses {
    final AtomicInteger blocking = new AtomicInteger();
    final CompletableFuture<ChatResponse> pending = new CompletableFuture<>();
    final ChatProvider provider = new ChatProvider() {
      @Override
      public CompletableFuture<ChatResponse> completeAsync(ProviderRequest request) {
        return pending;
      }

      @Override
      public ChatResponse complete(ProviderRequest request) {
        blocking.incrementAndGet();
        return WIRE_RESPONSE.toChatResponse("acme");
      }

      @Override
      public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
        throw new UnsupportedOperationException();
      }
    };

    @Test
    void answers_respond_through_its_own_blocking_exchange() {
      assertThat(provider.respond(REQUEST)).isEqualTo(WIRE_RESPONSE);
      assertThat(blocking).hasValue(1);
    }

    @Test
    void answers_respondAsync_and_a_cancel_reaches_its_future() {
      CompletableFuture<ProviderResponse> f = provider.respondAsync(REQUEST);
      f.cancel(true);

      assertThat(pending).isCancelled();
      assertThat(blocking).hasValue(0);
    }
  }
}
