package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Recorded-style payloads from {@code src/test/resources/anthropic} and small builders for requests. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final AnthropicProviderFactory FACTORY = new AnthropicProviderFactory();

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/anthropic/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request for {@code model} as the engine would hand it over (model described by the factory). */
  static ProviderRequest request(String model, ChatRequest chat) {
    return ProviderRequest.of(FACTORY.describeModel(model), chat);
  }

  static ProviderRequest cached(String model, ChatRequest chat, Set<Integer> breakpoints, @Nullable String ttl) {
    return new ProviderRequest(FACTORY.describeModel(model), chat, breakpoints, ttl);
  }

  /** A provider talking to {@code baseUrl} with the test key from the environment. */
  static ChatProvider provider(String baseUrl) {
    return FACTORY.create(LlmConfig.builder().model("anthropic/claude-sonnet-4-5").baseUrl(baseUrl).build(),
        TestContext.withKey());
  }

  static ChatProvider provider(LlmConfig config) {
    return FACTORY.create(config, TestContext.withKey());
  }
}
