package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No key or header value reaches a completion log file or the DEBUG log; prompts and responses do reach DEBUG. */
class CompletionLogRedactionTest {
  private static final String KEY = "fake-config-key-7f3a9c2e1b";
  private static final String KEY_LIKE = "sk-proj-abcdef0123456789";
  private static final String BEARER = "hdr-bearer-token-5d8e2a";
  private static final String HEADER = "x-custom-header-secret-91c4";
  private static final List<String> SECRETS = List.of(KEY, KEY_LIKE, BEARER, HEADER);
  private static final String ALL = String.join(" | ", SECRETS);

  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  /** Held strongly: JUL keeps loggers only weakly. */
  private final Logger logger = Logger.getLogger("dev.llmkit.core.CompletionLog");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level level;
  @TempDir Path folder;

  @BeforeEach
  void capture() {
    level = logger.getLevel();
    logger.addHandler(handler);
  }

  @AfterEach
  void release() {
    logger.removeHandler(handler);
    logger.setLevel(level);
  }

  private Llm llm(boolean toFiles) {
    LlmConfig.Builder config = LlmConfig.builder().model("fake/m").apiKey(KEY).numRetries(0)
        .extraHeader("Authorization", "Bearer " + BEARER)
        .extraHeader("X-Custom", HEADER)
        .extraParam("note", "from config " + ALL);
    if (toFiles) {
      config.logCompletions(true).logCompletionsFolder(folder.toString());
    }
    return Llms.builder().config(config.build()).registry(PluginRegistry.of(List.of(factory), List.of())).build();
  }

  private static ChatRequest leakyRequest() {
    return ChatRequest.builder().system("system " + ALL).user("user " + ALL).extraParam("user", ALL).build();
  }

  private void echoSecrets() {
    provider.answer(r -> new ChatResponse("resp", "fake", "m",
        new AssistantMessage("answer " + ALL, List.of(new ToolCall("c1", "t", "{\"k\":\"" + ALL + "\"}")), List.of()),
        FinishReason.STOP, null, Usage.of(1, 1), null, Duration.ZERO));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void keys_and_header_values_never_appear_in_any_file() throws IOException {
    Llm llm = llm(true);
    echoSecrets();
    llm.complete(leakyRequest());
    provider.fail(LlmException.builder(ErrorKind.AUTHENTICATION, "Incorrect API key provided: " + ALL)
        .providerMessage("bad key " + ALL).httpStatus(401).build());
    assertThatThrownBy(() -> llm.complete(leakyRequest())).isInstanceOf(LlmException.class);
    try (ChatStream stream = llm.stream(leakyRequest())) {
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("streamed " + ALL));
      assertThat(it.next()).isInstanceOf(ChatEvent.TextDelta.class);
    }

    List<Path> files = files();
    assertThat(files).hasSize(3);
    for (Path file : files) {
      String text = Files.readString(file);
      for (String secret : SECRETS) {
        assertThat(text).as(file.getFileName().toString()).doesNotContain(secret);
      }
      JsonNode json = new ObjectMapper().readTree(text);
      assertThat(json.at("/messages/1/content/0").asText()).startsWith("user ").contains("****");
      assertThat(json.at("/parameters/extra_params/note").asText()).startsWith("from config ");
    }
    assertThat(files.stream().map(this::read))
        .anySatisfy(t -> assertThat(t).contains("answer ****"))
        .anySatisfy(t -> assertThat(t).contains("bad key ****"))
        .anySatisfy(t -> assertThat(t).contains("streamed ****"));
  }

  @Test
  void prompt_and_response_are_logged_at_debug_redacted_even_without_a_folder() {
    logger.setLevel(Level.FINE);
    Llm llm = llm(false);
    echoSecrets();

    llm.complete(leakyRequest());
    provider.fail(LlmException.builder(ErrorKind.OVERLOADED, "busy " + ALL).build());
    assertThatThrownBy(() -> llm.complete(ChatRequest.of(Message.user("again"))));

    List<String> debug = records.stream().filter(r -> r.getLevel() == Level.FINE).map(LogRecord::getMessage).toList();
    assertThat(debug).hasSize(4);
    assertThat(debug.get(0)).startsWith("request to fake/m: ").contains("user ****");
    assertThat(debug.get(1)).startsWith("response from fake/m after ").contains("answer ****");
    assertThat(debug.get(2)).startsWith("request to fake/m: ").contains("again");
    assertThat(debug.get(3)).startsWith("call to fake/m failed (OVERLOADED) after ").contains("busy ****");
    for (String line : debug) {
      for (String secret : SECRETS) {
        assertThat(line).doesNotContain(secret);
      }
    }
  }

  @Test
  void nothing_is_logged_at_debug_when_debug_is_off() throws IOException {
    logger.setLevel(Level.INFO);
    Llm llm = llm(true);

    llm.complete(ChatRequest.of(Message.user("hi")));

    assertThat(records).isEmpty();
    assertThat(files()).hasSize(1);
  }

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
