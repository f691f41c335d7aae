package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionLogTest {
  private final FakeProviderFactory factory = new FakeProviderFactory();
  @TempDir Path folder;

  private Llm llm(LlmConfig.Builder config) {
    return Llms.builder()
        .config(config.model("fake/m").apiKey("sk-secret-never-logged").build())
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .build();
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void each_successful_call_is_written_as_one_json_file_without_secrets_or_image_bytes() throws IOException {
    Llm llm = llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(folder.toString()));

    llm.complete(ChatRequest.builder().system("be brief")
        .message(Message.user(ContentPart.text("what is this?"), ContentPart.Image.ofBytes(new byte[3000], "image/png")))
        .build());

    assertThat(files()).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).startsWith("fake__m-").endsWith(".json");
      String text = Files.readString(file);
      assertThat(text).doesNotContain("sk-secret-never-logged").doesNotContain("AAAAAAAA");
      JsonNode json = new ObjectMapper().readTree(text);
      assertThat(json.at("/messages/0/content").asText()).isEqualTo("be brief");
      assertThat(json.at("/messages/1/content/0").asText()).isEqualTo("what is this?");
      assertThat(json.at("/messages/1/content/1").asText()).startsWith("[image image/png, 4000 base64 chars]");
      assertThat(json.at("/response/message/content").asText()).isEqualTo("ok");
      assertThat(json.at("/usage/input_tokens").asLong()).isEqualTo(10);
      assertThat(json.at("/latency_ms").isNumber()).isTrue();
    });
  }

  @Test
  void streamed_and_async_calls_are_logged_too() throws IOException {
    Llm llm = llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(folder.toString()));
    llm.completeAsync(ChatRequest.of(Message.user("a"))).join();
    ChatStream stream = llm.stream(ChatRequest.of(Message.user("b")));
    var it = stream.iterator();
    factory.provider().lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("streamed", Usage.of(1, 1))));
    factory.provider().lastStream.close();
    it.forEachRemaining(e -> { });

    assertThat(files()).hasSize(2);
  }

  @Test
  void nothing_is_written_when_logging_is_off() throws IOException {
    llm(LlmConfig.builder()).complete(ChatRequest.of(Message.user("a")));
    assertThat(files()).isEmpty();
  }

  @Test
  void a_folder_that_cannot_be_written_does_not_fail_the_call() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("file"), "x");
    Llm llm = llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(notAFolder.resolve("sub").toString()));

    assertThat(llm.complete(ChatRequest.of(Message.user("a"))).text()).isEqualTo("ok");
  }
}
