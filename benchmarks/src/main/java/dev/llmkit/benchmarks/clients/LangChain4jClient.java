package dev.llmkit.benchmarks.clients;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** LangChain4j's OpenAI module ({@code OpenAiChatModel}, {@code OpenAiStreamingChatModel}) with its defaults. */
public final class LangChain4jClient implements BenchClient {
  private final OpenAiChatModel model;
  private final OpenAiStreamingChatModel streaming;
  private final ChatRequest request = ChatRequest.builder()
      .messages(SystemMessage.from(Prompt.SYSTEM), UserMessage.from(Prompt.USER))
      .build();

  public LangChain4jClient(String baseUrl) {
    model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(Prompt.API_KEY).modelName(Prompt.MODEL)
        .temperature(0.0).maxRetries(0).build();
    streaming = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(Prompt.API_KEY).modelName(Prompt.MODEL)
        .temperature(0.0).build();
  }

  @Override
  public String name() {
    return "langchain4j";
  }

  @Override
  public Answer complete() {
    return answer(model.chat(request));
  }

  @Override
  public Answer stream(Consumer<String> onText) throws Exception {
    return start(onText).get();
  }

  @Override
  public CompletableFuture<Answer> streamAsync() {
    return start(t -> { });
  }

  private CompletableFuture<Answer> start(Consumer<String> onText) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        onText.accept(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return done.thenApply(LangChain4jClient::answer);
  }

  private static Answer answer(ChatResponse r) {
    TokenUsage usage = r.tokenUsage();
    return new Answer(r.aiMessage().text(), usage == null ? -1 : usage.inputTokenCount(),
        usage == null ? -1 : usage.outputTokenCount());
  }
}
