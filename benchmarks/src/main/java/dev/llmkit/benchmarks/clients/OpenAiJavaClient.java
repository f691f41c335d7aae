package dev.llmkit.benchmarks.clients;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The official {@code com.openai:openai-java} SDK (OkHttp transport) with its defaults but no retries. */
public final class OpenAiJavaClient implements BenchClient {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
      .model(Prompt.MODEL).addSystemMessage(Prompt.SYSTEM).addUserMessage(Prompt.USER).temperature(0.0).build();
  private final ChatCompletionCreateParams streamParams = params.toBuilder()
      .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

  public OpenAiJavaClient(String baseUrl) {
    client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(Prompt.API_KEY).maxRetries(0).build();
  }

  @Override
  public String name() {
    return "openai-java";
  }

  @Override
  public Answer complete() {
    ChatCompletion c = client.chat().completions().create(params);
    CompletionUsage usage = c.usage().orElseThrow();
    return new Answer(c.choices().get(0).message().content().orElse(""), usage.promptTokens(), usage.completionTokens());
  }

  @Override
  public Answer stream(Consumer<String> onText) {
    StringBuilder text = new StringBuilder();
    long input = -1;
    long output = -1;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamParams)) {
      Iterator<ChatCompletionChunk> it = stream.stream().iterator();
      while (it.hasNext()) {
        ChatCompletionChunk chunk = it.next();
        if (!chunk.choices().isEmpty()) {
          Optional<String> content = chunk.choices().get(0).delta().content();
          if (content.isPresent() && !content.get().isEmpty()) {
            onText.accept(content.get());
            text.append(content.get());
          }
        }
        Optional<CompletionUsage> usage = chunk.usage();
        if (usage.isPresent()) {
          input = usage.get().promptTokens();
          output = usage.get().completionTokens();
        }
      }
    }
    return new Answer(text.toString(), input, output);
  }

  @Override
  public CompletableFuture<Answer> streamAsync() {
    StringBuilder text = new StringBuilder();
    long[] usage = {-1, -1};
    CompletableFuture<Answer> done = new CompletableFuture<>();
    client.async().chat().completions().createStreaming(streamParams).subscribe(new AsyncStreamResponse.Handler<>() {
      @Override
      public void onNext(ChatCompletionChunk chunk) {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(text::append);
        }
        chunk.usage().ifPresent(u -> {
          usage[0] = u.promptTokens();
          usage[1] = u.completionTokens();
        });
      }

      @Override
      public void onComplete(Optional<Throwable> error) {
        if (error.isPresent()) {
          done.completeExceptionally(error.get());
        } else {
          done.complete(new Answer(text.toString(), usage[0], usage[1]));
        }
      }
    });
    return done;
  }

  @Override
  public void close() {
    client.close();
  }
}
