package dev.llmkit.testkit.mock;

import static dev.llmkit.testkit.mock.WireClient.json;
import static dev.llmkit.testkit.mock.WireClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.FinishReason;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MockLlmServerTest {
  private static final String OPENAI_BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Ping\"}]}";
  private static final String ANTHROPIC_BODY =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Ping\"}]}";

  @Nested
  class Addresses {
    @Test
    void theOpenAiBaseUrlEndsInV1AndTheAnthropicOneIsTheRoot() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        assertThat(mock.baseUrl()).isEqualTo("http://127.0.0.1:" + mock.port() + "/v1");
        assertThat(mock.baseUrl(WireDialects.openAi())).isEqualTo(mock.baseUrl());
        assertThat(mock.baseUrl(WireDialects.anthropic())).isEqualTo("http://127.0.0.1:" + mock.port());
        assertThat(mock.baseUrl(WireDialects.gemini())).isEqualTo("http://127.0.0.1:" + mock.port() + "/v1beta");
        assertThat(mock.baseUrl(WireDialects.ollama())).isEqualTo(mock.rootUrl());
      }
    }

    @Test
    void compatibleServerPrefixesAreServedToo() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        HttpResponse<byte[]> response = post("http://127.0.0.1:" + mock.port() + "/api/v1/chat/completions", OPENAI_BODY);

        assertThat(json(response).path("object").asText()).isEqualTo("chat.completion");
        assertThat(mock.lastRequest().dialect()).isSameAs(WireDialects.openAi());
      }
    }

    @Test
    void aPathNoMountedDialectServesIsA404NamingTheMountedDialects() {
      try (MockLlmServer mock = MockLlmServer.start(WireDialects.openAi(), WireDialects.ollama())) {
        mock.reply(MockReply.text("kept"));

        HttpResponse<byte[]> response = post(mock.rootUrl() + "/v1/messages", ANTHROPIC_BODY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/message").asText())
            .contains("POST /v1/messages").contains("openai").contains("ollama").doesNotContain("anthropic (");
        assertThat(mock.requests()).isEmpty();
        assertThat(mock.pendingReplies()).isEqualTo(1);
      }
    }

    @Test
    void aDialectOfYourOwnIsMountedAndMatchedByItsPaths() {
      WireDialect custom = new RenamedOpenAi();
      try (MockLlmServer mock = MockLlmServer.start(custom)) {
        JsonNode body = json(post(mock.baseUrl(custom) + "/chat/completions", OPENAI_BODY));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("You said: Ping");
        assertThat(mock.lastRequest().dialect()).isSameAs(custom);
        assertThat(mock.lastRequest().toString()).contains("acme");
      }
    }
  }

  @Nested
  class Replies {
    @Test
    void scriptedRepliesAreTakenInOrderAcrossBothFormats() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        mock.reply(MockReply.text("first"), MockReply.text("second"));

        JsonNode a = json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY));
        JsonNode b = json(post(mock.baseUrl(WireDialects.anthropic()) + "/v1/messages", ANTHROPIC_BODY));

        assertThat(a.at("/choices/0/message/content").asText()).isEqualTo("first");
        assertThat(b.at("/content/0/text").asText()).isEqualTo("second");
        assertThat(mock.pendingReplies()).isZero();
      }
    }

    @Test
    void anEmptyQueueEchoesTheLastUserMessage() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        JsonNode a = json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY));
        JsonNode b = json(post(mock.baseUrl(WireDialects.anthropic()) + "/v1/messages", ANTHROPIC_BODY));

        assertThat(a.at("/choices/0/message/content").asText()).isEqualTo("You said: Ping");
        assertThat(b.at("/content/0/text").asText()).isEqualTo("You said: Ping");
      }
    }

    @Test
    void aCustomFallbackAnswersWhenTheQueueIsEmptyAndResetRestoresTheEcho() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        mock.fallback(request -> MockReply.text("model was " + request.model()));

        assertThat(json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY)).at("/choices/0/message/content").asText())
            .isEqualTo("model was gpt-4o");
        mock.reset();
        assertThat(json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY)).at("/choices/0/message/content").asText())
            .isEqualTo("You said: Ping");
      }
    }

    @Test
    void aFailingResponderIsA500InTheFormatsErrorShape() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        mock.fallback(request -> {
          throw new IllegalStateException("boom");
        });

        HttpResponse<byte[]> response = post(mock.baseUrl() + "/chat/completions", OPENAI_BODY);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).at("/error/message").asText()).contains("boom");
      }
    }

    @Test
    void theSameScriptedReplyGivesTheSameIdsEveryTime() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        MockReply reply = MockReply.toolCall("lookup", "{\"sku\":\"A\"}");
        mock.reply(reply, reply);

        JsonNode a = json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY));
        JsonNode b = json(post(mock.baseUrl() + "/chat/completions", OPENAI_BODY));

        assertThat(a.path("id")).isEqualTo(b.path("id"));
        assertThat(a.at("/choices/0/message/tool_calls/0/id")).isEqualTo(b.at("/choices/0/message/tool_calls/0/id"));
      }
    }
  }

  @Nested
  class Recording {
    @Test
    void requestsKeepPathHeadersAndJsonBodyInArrivalOrder() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        post(mock.baseUrl() + "/chat/completions", OPENAI_BODY);
        post(mock.baseUrl(WireDialects.anthropic()) + "/v1/messages", ANTHROPIC_BODY);

        List<RecordedRequest> requests = mock.requests();

        assertThat(requests).hasSize(2);
        RecordedRequest first = requests.get(0);
        assertThat(first.dialect()).isSameAs(WireDialects.openAi());
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.header("Authorization")).contains("Bearer test-key");
        assertThat(first.json().at("/messages/0/content").asText()).isEqualTo("Ping");
        assertThat(first.body()).isEqualTo(OPENAI_BODY);
        assertThat(first.isStream()).isFalse();
        assertThat(first.toString()).doesNotContain("test-key");
        assertThat(mock.lastRequest().dialect()).isSameAs(WireDialects.anthropic());
        assertThat(mock.lastRequestBody().path("max_tokens").asInt()).isEqualTo(64);
      }
    }

    @Test
    void lastRequestBeforeAnyRequestSaysSo() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        assertThatThrownBy(mock::lastRequest).isInstanceOf(IllegalStateException.class).hasMessageContaining("no request");
      }
    }

    @Test
    void awaitRequestsReturnsOnceTheyArriveAndFailsAfterTheTimeout() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        CompletableFuture<HttpResponse<byte[]>> call = CompletableFuture.supplyAsync(
            () -> post(mock.baseUrl() + "/chat/completions", OPENAI_BODY));

        assertThat(mock.awaitRequests(1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(call.join().statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> mock.awaitRequests(2, Duration.ofMillis(50)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 2");
      }
    }
  }

  @Nested
  class Timing {
    @Test
    void aDelayedReplyArrivesAfterTheDelay() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        mock.reply(MockReply.text("late").delay(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = post(mock.baseUrl() + "/chat/completions", OPENAI_BODY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("late");
      }
    }

    @Test
    void aHangSendsNothingAndClosingTheServerDoesNotWaitForIt() {
      MockLlmServer mock = MockLlmServer.start();
      mock.reply(MockReply.hang());
      HttpRequest request = HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/chat/completions"))
          .timeout(Duration.ofMillis(300))
          .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY))
          .build();

      CompletableFuture<HttpResponse<byte[]>> call = WireClient.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        mock.close();
      });
    }

    @Test
    void aStalledStreamSendsItsFirstEventsThenOnlyKeepAlivesUntilClosed() {
      MockLlmServer mock = MockLlmServer.start();
      mock.reply(MockReply.text("one two three four").inChunks(4).stallMidStream());
      HttpRequest request = HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
          .build();

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        HttpResponse<InputStream> response = WireClient.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> data = new ArrayList<>();
        int keepAlives = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null && keepAlives < 3) {
            if (line.startsWith("data: ")) {
              data.add(line);
            } else if (line.startsWith(":")) {
              keepAlives++;
            }
          }
        }
        assertThat(data).hasSize(3); // the role chunk and 2 of 4 text chunks
        assertThat(data).noneMatch(d -> d.contains("finish_reason\":\"stop") || d.contains("[DONE]"));
        mock.close();
      });
    }

    @Test
    void aStalledNonStreamedRequestGetsNoAnswer() {
      try (MockLlmServer mock = MockLlmServer.start()) {
        mock.reply(MockReply.text("never").stallMidStream().stallFor(Duration.ofSeconds(5)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/chat/completions"))
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY))
            .build();

        assertThatThrownBy(() -> WireClient.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()))
            .isInstanceOf(HttpTimeoutException.class);
      }
    }
  }

  @Nested
  class Validation {
    @Test
    void toolArgumentsMustBeAJsonObject() {
      assertThatThrownBy(() -> MockToolCall.of("f", "[1]")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MockToolCall.of("f", "{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scriptedUsageMustBeConsistent() {
      MockReply reply = MockReply.text("x");
      assertThatThrownBy(() -> reply.withUsage(new dev.llmkit.api.Usage(5L, 1L, 6L, null, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache");
      assertThatThrownBy(() -> reply.withUsage(new dev.llmkit.api.Usage(null, 1L, null, null, null)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentModifiersDoNotApplyToErrors() {
      assertThatThrownBy(() -> MockReply.serverError().withText("x")).isInstanceOf(IllegalStateException.class);
      assertThat(MockReply.serverError().delay(Duration.ofMillis(1))).isNotNull();
    }
  }

  /** A third-party dialect: OpenAI's wire under another name and path, delegating the rest. */
  private static final class RenamedOpenAi implements WireDialect {
    private final WireDialect openAi = WireDialects.openAi();

    @Override
    public String name() {
      return "acme";
    }

    @Override
    public Pattern paths() {
      return Pattern.compile("/acme/v2/chat/completions");
    }

    @Override
    public String baseUrl(String root) {
      return root + "/acme/v2";
    }

    @Override
    public String requestPath(String model, boolean stream) {
      return "/acme/v2/chat/completions";
    }

    @Override
    public WireView read(RecordedRequest request) {
      return openAi.read(request);
    }

    @Override
    public String responseId(String suffix) {
      return "acme-" + suffix;
    }

    @Override
    public String finishReason(FinishReason reason) {
      return openAi.finishReason(reason);
    }

    @Override
    public byte[] completion(ResolvedReply reply, RecordedRequest request) {
      return openAi.completion(reply, request);
    }

    @Override
    public StreamScript stream(ResolvedReply reply, RecordedRequest request) {
      return openAi.stream(reply, request);
    }

    @Override
    public String streamError(MockError error) {
      return openAi.streamError(error);
    }

    @Override
    public ErrorReply error(MockError error, String requestId) {
      return openAi.error(error, requestId);
    }

    @Override
    public Map<String, String> headers(String requestId) {
      return Map.of("x-acme-request", requestId);
    }

    @Override
    public Optional<String> toolCallId(MockToolCall call) {
      return Optional.of("acme_" + call.idSuffix());
    }

    @Override
    public Set<WireFeature> features() {
      return EnumSet.of(WireFeature.RESPONSE_ID);
    }
  }
}
