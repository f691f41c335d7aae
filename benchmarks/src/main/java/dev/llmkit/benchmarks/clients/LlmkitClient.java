package dev.llmkit.benchmarks.clients;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.core.Llms;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * llmkit through its public API with the default pipeline users get: validation, formatting, metrics,
 * cost accounting, the overall deadline and stream idle timeout, and retries configured (the default
 * five) but not triggered.
 */
public final class LlmkitClient implements BenchClient {
  private final Llm llm;
  private final ChatRequest request = ChatRequest.builder()
      .messages(List.of(Message.system(Prompt.SYSTEM), Message.user(Prompt.USER)))
      .temperature(0.0)
      .build();

  public LlmkitClient(String baseUrl) {
    llm = Llms.builder()
        .config(LlmConfig.builder().model("openai/" + Prompt.MODEL).baseUrl(baseUrl).apiKey(Prompt.API_KEY).build())
        .env(Map.of())
        .build();
  }

  public Llm llm() {
    return llm;
  }

  public ChatRequest request() {
    return request;
  }

  @Override
  public String name() {
    return "llmkit";
  }

  @Override
  public Answer complete() {
    return answer(llm.complete(request));
  }

  @Override
  public Answer stream(Consumer<String> onText) {
    try (ChatStream stream = llm.stream(request)) {
      ChatResponse response = null;
      for (ChatEvent event : stream) {
        if (event instanceof ChatEvent.TextDelta delta) {
          onText.accept(delta.text());
        } else if (event instanceof ChatEvent.Completed done) {
          response = done.response();
        }
      }
      return answer(Objects.requireNonNull(response, "the stream ended without a Completed event"));
    }
  }

  @Override
  public CompletableFuture<Answer> streamAsync() {
    CompletableFuture<Answer> done = new CompletableFuture<>();
    llm.stream(request).subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ChatEvent event) {
        if (event instanceof ChatEvent.Completed c) {
          done.complete(answer(c.response()));
        }
      }
      @Override public void onError(Throwable t) { done.completeExceptionally(t); }
      @Override public void onComplete() {
        done.completeExceptionally(new IllegalStateException("the stream ended without a Completed event"));
      }
    });
    return done;
  }

  static Answer answer(ChatResponse r) {
    return new Answer(r.text(), Objects.requireNonNullElse(r.usage().inputTokens(), -1L),
        Objects.requireNonNullElse(r.usage().outputTokens(), -1L));
  }

  @Override
  public void close() {
    llm.close();
  }
}
