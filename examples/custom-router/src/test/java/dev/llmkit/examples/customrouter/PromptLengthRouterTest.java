package dev.llmkit.examples.customrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.testkit.routing.RouterContractTest;
import dev.llmkit.testkit.routing.ScriptedProviderFactory;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptLengthRouterTest extends RouterContractTest {

  @Override
  protected RouterFactory factory() {
    return new PromptLengthRouterFactory();
  }

  @Override
  protected Optional<Map<String, String>> settingsNamingUnknownCandidate() {
    return Optional.of(Map.of("long", "nobody"));
  }

  @Test
  void found_on_the_class_path_and_routes_by_length_and_tag() {
    ScriptedProviderFactory models = new ScriptedProviderFactory();
    // No .router(...) and no registry: the router is discovered by its id on the class path.
    try (RoutingLlm llm = LlmRouting.builder()
        .config(RoutingConfig.builder("prompt-length")
            .candidate("small", LlmConfig.builder().model("contract/small").numRetries(0).build())
            .candidate("big", LlmConfig.builder().model("contract/large").numRetries(0).build())
            .setting("threshold_chars", "100")
            .setting("tags", "premium=big")
            .build())
        .candidates((name, b) -> b.provider(models).env(Map.of()))
        .build()) {
      ChatResponse shortOne = llm.complete(ChatRequest.of(Message.user("hi")));
      ChatResponse longOne = llm.complete(ChatRequest.of(Message.user("x".repeat(500))));
      ChatResponse tagged = llm.forConversation("premium:42").complete(ChatRequest.of(Message.user("hi")));

      assertThat(shortOne.text()).isEqualTo("small");
      assertThat(longOne.text()).isEqualTo("large");
      assertThat(tagged.metadata().attributes().get(RouteDecision.KEY).orElseThrow().reason()).isEqualTo("tag");
      assertThat(tagged.text()).isEqualTo("large");
    }
  }
}
